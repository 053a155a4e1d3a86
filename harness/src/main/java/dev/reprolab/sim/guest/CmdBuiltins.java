package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import dev.reprolab.sim.guest.tools.WinArgs;

/** cmd's built-in commands that touch the guest (dir, md, del, type), its pipe filters and its environment. */
final class CmdBuiltins {

    private static final java.nio.charset.Charset OEM = CmdShell.OEM;

    private final CmdShell shell;
    private final SimGuest guest;

    CmdBuiltins(CmdShell shell, SimGuest guest) {
        this.shell = shell;
        this.guest = guest;
    }

    int filter(String filter, String input, Consumer<byte[]> o, Consumer<byte[]> e) {
        List<String> args = WinArgs.split(filter);
        String image = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
        boolean ignoreCase = args.stream().anyMatch(a -> a.equalsIgnoreCase("/i"));
        boolean invert = args.stream().anyMatch(a -> a.equalsIgnoreCase("/v"));
        String needle = args.stream().skip(1).filter(a -> !a.startsWith("/")).findFirst().orElse("");
        if (!image.equals("findstr") && !image.equals("find") && !image.equals("more")) {
            e.accept(("'" + image + "' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n").getBytes(OEM));
            return 9009;
        }
        int matches = 0;
        for (String line : input.split("\r\n", -1)) {
            if (image.equals("more")) {
                o.accept((line + "\r\n").getBytes(OEM));
                continue;
            }
            boolean hit = ignoreCase ? line.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)) : line.contains(needle);
            if (hit != invert && !(line.isEmpty() && !invert)) {
                o.accept((line + "\r\n").getBytes(OEM));
                matches++;
            }
        }
        return matches > 0 || image.equals("more") ? 0 : 1;
    }

    int mkdir(String path, Consumer<byte[]> e) {
        Path p = guest.file(path);
        if (Files.exists(p)) {
            e.accept(("A subdirectory or file " + path + " already exists.\r\n").getBytes(OEM));
            return 1;
        }
        try {
            Files.createDirectories(p);
            return 0;
        } catch (IOException ex) {
            e.accept("Access is denied.\r\n".getBytes(OEM));
            return 1;
        }
    }

    int dir(List<String> args, Consumer<byte[]> o, Consumer<byte[]> e) {
        boolean bare = args.stream().anyMatch(a -> a.equalsIgnoreCase("/b"));
        String target = args.stream().skip(1).filter(a -> !a.startsWith("/")).findFirst().orElse(shell.cwd());
        String pattern = "*";
        Path p = guest.file(target);
        if (!Files.isDirectory(p)) {
            pattern = p.getFileName().toString();
            p = p.getParent();
        }
        String regex = pattern.replace(".", "\\.").replace("*", ".*").replace("?", ".");
        List<String> names = new ArrayList<>();
        try (var s = Files.list(p)) {
            s.map(f -> f.getFileName().toString()).filter(n -> n.toLowerCase(Locale.ROOT).matches(regex.toLowerCase(Locale.ROOT)))
                    .sorted(String.CASE_INSENSITIVE_ORDER).forEach(names::add);
        } catch (IOException ex) {
            names.clear();
        }
        if (names.isEmpty()) {
            e.accept("File Not Found\r\n".getBytes(OEM));
            return 1;
        }
        for (String n : names) {
            o.accept((n + "\r\n").getBytes(OEM));
        }
        if (!bare) {
            o.accept(("               " + names.size() + " File(s)\r\n").getBytes(OEM));
        }
        return 0;
    }

    String variable(String name) {
        var now = guest.clock().instant().atZone(ZoneOffset.UTC);
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SYSTEMROOT", "WINDIR" -> "C:\\Windows";
            case "SYSTEMDRIVE" -> "C:";
            case "COMPUTERNAME" -> guest.computerName();
            case "USERNAME" -> "Administrator";
            case "USERPROFILE" -> "C:\\Users\\Administrator";
            case "TEMP", "TMP" -> "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp";
            case "PROGRAMFILES" -> "C:\\Program Files";
            case "ERRORLEVEL" -> Integer.toString(shell.errorLevel());
            case "DATE" -> DateTimeFormatter.ofPattern("EEE MM/dd/yyyy", Locale.US).format(now);
            case "TIME" -> DateTimeFormatter.ofPattern("H:mm:ss.SS", Locale.US).format(now);
            default -> null;
        };
    }

    int del(List<String> args, Consumer<byte[]> e) {
        for (String a : args.subList(1, args.size())) {
            if (!a.startsWith("/")) {
                try {
                    Files.deleteIfExists(guest.file(a));
                } catch (IOException ex) {
                    e.accept("Access is denied.\r\n".getBytes(OEM));
                    return 1;
                }
            }
        }
        return 0;
    }

    int type(String rest, Consumer<byte[]> o, Consumer<byte[]> e) {
        Path p = guest.file(CmdSyntax.unquote(rest));
        if (!Files.isRegularFile(p)) {
            e.accept("The system cannot find the file specified.\r\n".getBytes(OEM));
            return 1;
        }
        try {
            o.accept(Files.readAllBytes(p));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return 0;
    }
}
