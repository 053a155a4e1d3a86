package dev.reprolab.doctor;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guest as the checks read it: console commands over the harness's WinRM transport, each run once per doctor run
 * (several checks read the same {@code winrm get} or registry key), and small readers for what 2008 R2 prints.
 * Read-only: nothing here changes the guest.
 */
public final class GuestProbe {

    private static final Pattern REG_LINE = Pattern.compile("^\\s{4}(\\S(?:.*\\S)?)\\s{4}(REG_\\w+)\\s{4}(.*)$");

    private final Guest guest;
    private final GuestAddress address;
    private final Duration deadline;
    private final Map<String, CommandResult> cache = new HashMap<>();

    public GuestProbe(Guest guest, GuestAddress address, Duration deadline) {
        this.guest = guest;
        this.address = address;
        this.deadline = deadline;
    }

    public String name() {
        return guest.name();
    }

    public GuestAddress address() {
        return address;
    }

    public Guest guest() {
        return guest;
    }

    /** Runs the command (once; later calls get the same result). */
    public CommandResult run(String commandLine) {
        return cache.computeIfAbsent(commandLine, c -> guest.run(c, deadline));
    }

    /** Runs the command now, not from the cache (for readings that depend on time, such as the clock). */
    public CommandResult runFresh(String commandLine) {
        return guest.run(commandLine, deadline);
    }

    /** A registry value's data as {@code reg query KEY /v NAME} prints it (REG_DWORD as {@code 0x1}). */
    public Optional<String> reg(String key, String value) {
        CommandResult r = run("reg query \"" + key + "\" /v " + (value.contains(" ") ? "\"" + value + "\"" : value));
        if (r.exitCode() != 0) {
            return Optional.empty();
        }
        for (String line : r.stdout().lines().toList()) {
            Matcher m = REG_LINE.matcher(line);
            if (m.matches() && m.group(1).equalsIgnoreCase(value)) {
                return Optional.of(m.group(3).strip());
            }
        }
        return Optional.empty();
    }

    /** A REG_DWORD as a number. */
    public Optional<Long> regDword(String key, String value) {
        return reg(key, value).flatMap(v -> {
            try {
                return Optional.of(Long.decode(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Whether the key exists ({@code reg query KEY} exit code 0). */
    public boolean regKeyExists(String key) {
        return run("reg query \"" + key + "\"").exitCode() == 0;
    }

    /** {@code Name=value} from a {@code wmic ... /value} listing (CR CR LF line ends tolerated). */
    public Optional<String> wmicValue(String wmicArguments, String property) {
        CommandResult r = run("wmic " + wmicArguments);
        for (String line : r.stdout().split("\r*\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (eq > 0 && l.substring(0, eq).equalsIgnoreCase(property)) {
                return Optional.of(l.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    public Optional<Long> wmicNumber(String wmicArguments, String property) {
        return wmicValue(wmicArguments, property).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A file's version resource ({@code wmic datafile}); empty when the file does not exist. */
    public Optional<String> fileVersion(String windowsPath) {
        String escaped = windowsPath.replace("\\", "\\\\");
        CommandResult r = run("wmic datafile where name='" + escaped + "' get Version /value");
        if ((r.stdout() + r.stderr()).contains("No Instance(s) Available")) {
            return Optional.empty();
        }
        return wmicValue("datafile where name='" + escaped + "' get Version /value", "Version");
    }

    /** The settings of {@code winrm get winrm/config}, by path: {@code Winrs/MaxShellsPerUser} → {@code 5}. */
    public Map<String, String> winrmConfig() {
        CommandResult r = run("winrm get winrm/config");
        Map<String, String> out = new HashMap<>();
        java.util.List<String> stack = new java.util.ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            int depth = (line.length() - line.stripLeading().length()) / 4;
            String text = line.strip();
            int eq = text.indexOf(" = ");
            String name = eq < 0 ? text : text.substring(0, eq);
            while (stack.size() > depth) {
                stack.remove(stack.size() - 1);
            }
            stack.add(name);
            if (eq >= 0) {
                out.put(String.join("/", stack.subList(Math.min(1, stack.size() - 1), stack.size())).toLowerCase(java.util.Locale.ROOT),
                        text.substring(eq + 3));
            }
        }
        return out;
    }
}
