package dev.reprolab.trial;

import dev.reprolab.triage.TriageSpec;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import dev.reprolab.windows.debugger.HangSignature;
import dev.reprolab.windows.debugger.KdLog;
import dev.reprolab.windows.debugger.KdParser;
import dev.reprolab.windows.text.ParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the debuggers on the guest after a hang: LiveKd for the hung process's kernel stacks on the live system,
 * cdb on its user dump, kd on the crash dump. Every run is non-interactive ({@code -c "...;q"}: without the final
 * {@code q} a debugger waits for input forever), logged ({@code -logo}) and under a deadline. What cannot be done
 * — no debugger, symbols unreachable, a debugger past its deadline, a dump it cannot open — is recorded as
 * "triage unavailable: REASON" on the trial: never an infrastructure error, never a lost trial.
 */
public final class Triage {

    static final String LOG_DIR = "C:\\lab\\triage";
    private static final Pattern LISTENER = Pattern.compile(
            "^\\S+ +(\\S+):(\\d+) +(\\d+) +0x([0-9a-f]+) \\((\\d+), 0x([0-9a-f]+)\\)\\s*$", Pattern.MULTILINE);

    private final Guest guest;
    private final TriageSpec spec;
    private final Path dir;
    private final Duration commandDeadline;
    private final Clock clock;
    private String kdDir;

    public Triage(Guest guest, TriageSpec spec, Path trialDir, Duration commandDeadline, Clock clock) {
        this.guest = guest;
        this.spec = spec;
        this.dir = trialDir;
        this.commandDeadline = commandDeadline;
        this.clock = clock;
    }

    /**
     * One debugger run: the local log (relative to the trial dir), the signature and bucket it showed, the listener
     * numbers, why it was unavailable, and how long it took.
     */
    public record Log(String kind, String file, String signature, String bucket, Listener listener, String unavailable,
                      double seconds) {
    }

    /** The port's listener at that moment: total references, the owner's, and those nobody gives back. */
    public record Listener(int port, int references, int owner, int leaked) {
    }

    /** The triage of one trial: its logs and the hang signature they agree on (live first, then the crash dump). */
    public record Result(List<Log> logs) {
        public static final Result NONE = new Result(List.of());

        public Optional<String> signature() {
            return logs.stream().filter(l -> l.signature() != null).map(Log::signature).findFirst();
        }

        public Optional<String> bucket() {
            return logs.stream().filter(l -> l.bucket() != null).map(Log::bucket).findFirst();
        }

        public Optional<Listener> listener() {
            return logs.stream().filter(l -> l.listener() != null).map(Log::listener).findFirst();
        }

        /** The reasons of the runs that could not be done, or empty. */
        public List<String> unavailable() {
            return logs.stream().filter(l -> l.unavailable() != null).map(l -> l.kind() + ": " + l.unavailable()).toList();
        }

        public double seconds() {
            return logs.stream().mapToDouble(Log::seconds).sum();
        }

        public Result plus(Log l) {
            List<Log> all = new ArrayList<>(logs);
            all.add(l);
            return new Result(List.copyOf(all));
        }
    }

    /** LiveKd over the live kernel: the hung process's threads as they are now. */
    public Log live(String image, int port) {
        Instant t0 = clock.instant();
        if (!spec.enabled()) {
            return unavailable("live", "disabled in the scenario (triage: enabled: false)", t0);
        }
        String kd = debugger("kd.exe");
        if (kd == null) {
            return unavailable("live", noDebugger("kd.exe"), t0);
        }
        if (!exists(spec.liveKd())) {
            return unavailable("live", "no LiveKd at " + spec.liveKd(), t0);
        }
        return run("live", "\"" + spec.liveKd() + "\" -accepteula -k \"" + kd + "\"", null, spec.liveCommands(), image, port, t0);
    }

    /** cdb on the user dump at {@code remoteDump}. */
    public Log user(String remoteDump, String image, int port) {
        Instant t0 = clock.instant();
        if (!spec.enabled()) {
            return unavailable("user", "disabled in the scenario (triage: enabled: false)", t0);
        }
        String cdb = debugger("cdb.exe");
        if (cdb == null) {
            return unavailable("user", noDebugger("cdb.exe"), t0);
        }
        return run("user", "\"" + cdb + "\"", remoteDump, spec.userCommands(), image, port, t0);
    }

    /** kd on the crash dump the guest wrote ({@code C:\Windows\MEMORY.DMP}). */
    public Log kernel(String image, int port) {
        Instant t0 = clock.instant();
        if (!spec.enabled()) {
            return unavailable("kernel", "disabled in the scenario (triage: enabled: false)", t0);
        }
        String kd = debugger("kd.exe");
        if (kd == null) {
            return unavailable("kernel", noDebugger("kd.exe"), t0);
        }
        return run("kernel", "\"" + kd + "\"", "C:\\Windows\\MEMORY.DMP", spec.kernelCommands(), image, port, t0);
    }

    private Log run(String kind, String program, String dump, String commands, String image, int port, Instant t0) {
        String cmds = commands.replace("%IMAGE%", image);
        String remoteLog = LOG_DIR + "\\" + kind + ".log";
        String line = program + (dump == null ? "" : " -z \"" + dump + "\"") + " -y \"" + spec.symbolPath() + "\" -logo \""
                + remoteLog + "\" -c \"" + cmds + ";q\"";
        String local = "triage-" + kind + ".log";
        CommandResult r;
        try {
            guest.run("mkdir " + LOG_DIR + " 2>nul", commandDeadline);
            r = guest.run(line, spec.deadline());
        } catch (LabException e) {
            return unavailable(kind, "the debugger did not finish within " + spec.deadline() + " (" + e.getMessage() + ")", t0);
        }
        write(local, r.stdout() + r.stderr());
        String text = r.stdout();
        if (text.contains("Could not open dump file") || text.contains("Could not match Dump File signature")) {
            return log(kind, local, null, null, null, "the debugger could not open " + dump + ": " + matching(text, "Could not"), t0);
        }
        if (r.exitCode() != 0) {
            return log(kind, local, null, null, null, program.replace("\"", "") + " exited " + r.exitCode() + ": "
                    + (r.stderr().isBlank() ? StopCycle.lastLine(text) : StopCycle.firstLine(r.stderr())), t0);
        }
        if (text.contains("*** ERROR: Symbol file could not be found")) {
            return log(kind, local, null, null, null, "symbols unreachable (symbol path " + spec.symbolPath() + "): "
                    + matching(text, "*** ERROR: Symbol file could not be found"), t0);
        }
        KdLog parsed;
        try {
            parsed = KdParser.parse(text);
        } catch (ParseException e) {
            return log(kind, local, null, null, null, "the debugger printed nothing readable: " + e.what(), t0);
        }
        String sig = HangSignature.of(parsed, image, spec.modules()).orElse(null);
        String bucket = kind.equals("live") ? null : HangSignature.bucket(parsed).orElse(null);
        return log(kind, local, sig, bucket, listener(text, port), null, t0);
    }

    static Listener listener(String text, int port) {
        Matcher m = LISTENER.matcher(text);
        while (m.find()) {
            if (Integer.parseInt(m.group(2)) == port) {
                return new Listener(port, Integer.parseInt(m.group(4), 16), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6), 16));
            }
        }
        return null;
    }

    private Log log(String kind, String file, String sig, String bucket, Listener l, String why, Instant t0) {
        return new Log(kind, file, sig, bucket, l, why, Duration.between(t0, clock.instant()).toMillis() / 1000.0);
    }

    private Log unavailable(String kind, String why, Instant t0) {
        return log(kind, null, null, null, null, why, t0);
    }

    private String noDebugger(String exe) {
        return "no " + exe + " in " + String.join(" or ", spec.debuggerDirs());
    }

    /** The first of the configured folders that holds the debuggers (looked up once per trial). */
    private String debugger(String exe) {
        if (kdDir == null) {
            for (String d : spec.debuggerDirs()) {
                if (exists(d + "\\kd.exe")) {
                    kdDir = d;
                    break;
                }
            }
            if (kdDir == null) {
                return null;
            }
        }
        return exists(kdDir + "\\" + exe) ? kdDir + "\\" + exe : null;
    }

    private boolean exists(String path) {
        try {
            CommandResult r = guest.run("if exist \"" + path + "\" (echo yes) else (echo no)", commandDeadline);
            return r.stdout().strip().equals("yes");
        } catch (LabException e) {
            return false;
        }
    }

    private static String matching(String text, String start) {
        return text.lines().filter(l -> l.contains(start)).findFirst().orElse(start).strip();
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
