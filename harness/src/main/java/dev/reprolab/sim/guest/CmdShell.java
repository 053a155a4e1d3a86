package dev.reprolab.sim.guest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The guest's cmd.exe for one command line: {@code &}, {@code &&}, {@code ||}, {@code |} into a filter,
 * redirections ({@code >}, {@code >>}, {@code 2>}, {@code 2>&1}, {@code nul}), {@code %VAR%} expansion,
 * {@code if [not] exist X (A) else (B)}, {@code @}, nested {@code cmd /c}, the built-ins the harness and people use,
 * and cmd's own error for anything unknown.
 */
final class CmdShell {

    static final int STATUS_CONTROL_C_EXIT = -1073741510;
    static final Charset OEM = Charset.forName("IBM437");

    private final SimGuest guest;
    private final boolean remote;
    private final InputStream stdin;
    private final Consumer<byte[]> out;
    private final Consumer<byte[]> err;
    private int errorLevel;
    private String cwd = "C:\\Users\\Administrator";

    CmdShell(SimGuest guest, boolean remote, InputStream stdin, Consumer<byte[]> out, Consumer<byte[]> err) {
        this.guest = guest;
        this.remote = remote;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int runLine(String line) throws InterruptedException {
        String l = line.strip();
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1); // cmd /c "..." strips the outer quotes
        }
        return sequence(l, out, err);
    }

    /** Runs {@code a & b && c || d}, left to right, as cmd does. */
    private int sequence(String line, Consumer<byte[]> o, Consumer<byte[]> e) throws InterruptedException {
        List<String> parts = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        split(line, parts, ops);
        int rc = run(parts.get(0), o, e);
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            if (op.equals("&&") && rc != 0 || op.equals("||") && rc == 0) {
                continue;
            }
            rc = run(parts.get(i + 1), o, e);
        }
        return rc;
    }

    /** Splits at &, && and || outside quotes and parentheses. */
    static void split(String line, List<String> parts, List<String> ops) {
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '^' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                continue;
            } else if (!quoted && depth == 0 && (c == '&' || c == '|' && i + 1 < line.length() && line.charAt(i + 1) == '|')) {
                if (c == '&' && cur.length() > 0 && (cur.charAt(cur.length() - 1) == '>')) {
                    cur.append(c); // 2>&1
                    continue;
                }
                String op = i + 1 < line.length() && line.charAt(i + 1) == c ? "" + c + c : "" + c;
                parts.add(cur.toString());
                ops.add(op);
                cur.setLength(0);
                i += op.length() - 1;
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
    }

    /** One command with its redirections and an optional pipe into a filter. */
    private int run(String command, Consumer<byte[]> o, Consumer<byte[]> e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        String c = expand(command.strip());
        if (c.startsWith("@")) {
            c = c.substring(1).strip();
        }
        if (c.startsWith("(") && c.endsWith(")")) {
            return errorLevel = sequence(c.substring(1, c.length() - 1), o, e);
        }
        int pipe = indexOutsideQuotes(c, '|');
        if (pipe > 0) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            run(c.substring(0, pipe), buf::writeBytes, e);
            return errorLevel = filter(c.substring(pipe + 1).strip(), buf.toString(OEM), o, e);
        }
        Redirect r = Redirect.parse(c);
        Consumer<byte[]> so = o;
        Consumer<byte[]> se = e;
        if (r.out != null) {
            so = r.out.equalsIgnoreCase("nul") ? b -> { } : appender(r.out, r.append);
        }
        if (r.errToOut) {
            se = so;
        } else if (r.err != null) {
            se = r.err.equalsIgnoreCase("nul") ? b -> { } : appender(r.err, false);
        }
        return errorLevel = simple(r.command.strip(), so, se);
    }

    private Consumer<byte[]> appender(String windowsPath, boolean append) {
        Path p = guest.file(windowsPath);
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[0], StandardOpenOption.CREATE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return b -> {
            try {
                guest.reserveDisk(b.length);
                Files.write(p, b, StandardOpenOption.APPEND);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        };
    }

    private int filter(String filter, String input, Consumer<byte[]> o, Consumer<byte[]> e) {
        List<String> args = Args.split(filter);
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

    private int simple(String c, Consumer<byte[]> o, Consumer<byte[]> e) throws InterruptedException {
        if (c.isEmpty()) {
            return errorLevel;
        }
        List<String> args = Args.split(c);
        String image = args.get(0);
        String lower = image.toLowerCase(Locale.ROOT);
        String rest = c.substring(Math.min(c.length(), Args.firstTokenEnd(c))).strip();
        switch (lower) {
            case "cmd", "cmd.exe" -> {
                int slashC = indexOfSwitch(rest, "/c");
                return slashC < 0 ? 0 : runLine(rest.substring(slashC + 2).strip());
            }
            case "echo" -> {
                o.accept((rest + "\r\n").getBytes(OEM));
                return 0;
            }
            case "echo." -> {
                o.accept("\r\n".getBytes(OEM));
                return 0;
            }
            case "if" -> {
                return ifCommand(rest, o, e);
            }
            case "exit" -> {
                String n = rest.replaceFirst("(?i)^/b\\s*", "").strip();
                return n.isEmpty() ? errorLevel : parseInt(n);
            }
            case "cd", "chdir" -> {
                if (rest.isEmpty()) {
                    o.accept((cwd + "\r\n").getBytes(OEM));
                } else {
                    cwd = rest.replaceFirst("(?i)^/d\\s*", "").replace("\"", "");
                }
                return 0;
            }
            case "mkdir", "md" -> {
                return mkdir(Args.unquote(rest), e);
            }
            case "del", "erase" -> {
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
            case "type" -> {
                Path p = guest.file(Args.unquote(rest));
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
            case "dir" -> {
                return dir(args, o, e);
            }
            case "set" -> {
                return 0;
            }
            case "ver" -> {
                o.accept("\r\nMicrosoft Windows [Version 6.1.7601]\r\n".getBytes(OEM));
                return 0;
            }
            default -> {
                GuestProgram p = guest.program(image);
                if (p == null) {
                    e.accept(("'" + Args.unquote(image) + "' is not recognized as an internal or external command,\r\n"
                            + "operable program or batch file.\r\n").getBytes(OEM));
                    return 9009;
                }
                return p.run(new Call(image, rest, args.subList(1, args.size()), o, e));
            }
        }
    }

    private int ifCommand(String rest, Consumer<byte[]> o, Consumer<byte[]> e) throws InterruptedException {
        boolean not = false;
        String r = rest;
        if (r.toLowerCase(Locale.ROOT).startsWith("not ")) {
            not = true;
            r = r.substring(4).strip();
        }
        if (!r.toLowerCase(Locale.ROOT).startsWith("exist ")) {
            e.accept("The syntax of the command is incorrect.\r\n".getBytes(OEM));
            return 1;
        }
        r = r.substring(6).strip();
        int end = Args.firstTokenEnd(r);
        String path = Args.unquote(r.substring(0, end));
        String tail = r.substring(end).strip();
        String then = tail;
        String otherwise = null;
        if (tail.startsWith("(")) {
            int close = matching(tail, 0);
            then = tail.substring(1, close);
            String after = tail.substring(close + 1).strip();
            if (after.toLowerCase(Locale.ROOT).startsWith("else")) {
                otherwise = after.substring(4).strip();
                if (otherwise.startsWith("(")) {
                    otherwise = otherwise.substring(1, matching(otherwise, 0));
                }
            }
        }
        boolean exists = Files.exists(guest.file(path));
        if (exists != not) {
            return sequence(then, o, e);
        }
        return otherwise == null ? 0 : sequence(otherwise, o, e);
    }

    private static int matching(String s, int open) {
        int depth = 0;
        boolean q = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q && c == '(') {
                depth++;
            } else if (!q && c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    private int mkdir(String path, Consumer<byte[]> e) {
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

    private int dir(List<String> args, Consumer<byte[]> o, Consumer<byte[]> e) {
        boolean bare = args.stream().anyMatch(a -> a.equalsIgnoreCase("/b"));
        String target = args.stream().skip(1).filter(a -> !a.startsWith("/")).findFirst().orElse(cwd);
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

    private String expand(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int close = c == '%' ? s.indexOf('%', i + 1) : -1;
            if (close > i + 1) {
                String v = variable(s.substring(i + 1, close));
                if (v != null) {
                    b.append(v);
                    i = close + 1;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    private String variable(String name) {
        var now = guest.clock().instant().atZone(ZoneOffset.UTC);
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SYSTEMROOT", "WINDIR" -> "C:\\Windows";
            case "SYSTEMDRIVE" -> "C:";
            case "COMPUTERNAME" -> guest.computerName();
            case "USERNAME" -> "Administrator";
            case "USERPROFILE" -> "C:\\Users\\Administrator";
            case "TEMP", "TMP" -> "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp";
            case "PROGRAMFILES" -> "C:\\Program Files";
            case "ERRORLEVEL" -> Integer.toString(errorLevel);
            case "DATE" -> DateTimeFormatter.ofPattern("EEE MM/dd/yyyy", Locale.US).format(now);
            case "TIME" -> DateTimeFormatter.ofPattern("H:mm:ss.SS", Locale.US).format(now);
            default -> null;
        };
    }

    private static int indexOutsideQuotes(String s, char ch) {
        boolean q = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q && c == ch && (i + 1 >= s.length() || s.charAt(i + 1) != ch) && (i == 0 || s.charAt(i - 1) != ch)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfSwitch(String s, String sw) {
        String l = s.toLowerCase(Locale.ROOT);
        int i = l.indexOf(sw + " ");
        return i < 0 && l.endsWith(sw) ? l.length() - sw.length() : i;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Redirections of one simple command. */
    private record Redirect(String command, String out, boolean append, String err, boolean errToOut) {
        static Redirect parse(String c) {
            List<String> tokens = Args.splitKeepQuotes(c);
            StringBuilder cmd = new StringBuilder();
            String out = null;
            String err = null;
            boolean append = false;
            boolean errToOut = false;
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                String target = null;
                if (t.equals("2>&1")) {
                    errToOut = true;
                    continue;
                }
                if (t.startsWith("2>")) {
                    target = t.length() > 2 ? t.substring(2) : i + 1 < tokens.size() ? tokens.get(++i) : "";
                    err = Args.unquote(target);
                    continue;
                }
                if (t.startsWith(">>") || t.startsWith("1>>")) {
                    String rest = t.substring(t.indexOf(">>") + 2);
                    out = Args.unquote(rest.isEmpty() && i + 1 < tokens.size() ? tokens.get(++i) : rest);
                    append = true;
                    continue;
                }
                if (t.startsWith(">") || t.startsWith("1>")) {
                    String rest = t.substring(t.indexOf('>') + 1);
                    out = Args.unquote(rest.isEmpty() && i + 1 < tokens.size() ? tokens.get(++i) : rest);
                    continue;
                }
                int gt = t.indexOf('>');
                if (gt > 0 && !t.startsWith("\"")) {
                    cmd.append(cmd.length() > 0 ? " " : "").append(t, 0, gt);
                    String rest = t.substring(gt + 1);
                    out = Args.unquote(rest.isEmpty() && i + 1 < tokens.size() ? tokens.get(++i) : rest);
                    continue;
                }
                cmd.append(cmd.length() > 0 ? " " : "").append(t);
            }
            return new Redirect(cmd.toString(), out, append, err, errToOut);
        }
    }

    /** The ProgramCall a program sees. */
    private final class Call implements ProgramCall {
        private final String image;
        private final String raw;
        private final List<String> args;
        private final Consumer<byte[]> o;
        private final Consumer<byte[]> e;

        Call(String image, String raw, List<String> args, Consumer<byte[]> o, Consumer<byte[]> e) {
            this.image = image;
            this.raw = raw;
            this.args = args.stream().map(Args::unquote).toList();
            this.o = o;
            this.e = e;
        }

        @Override
        public GuestOs os() {
            return guest;
        }

        @Override
        public String image() {
            return Args.unquote(image);
        }

        @Override
        public String rawArguments() {
            return raw;
        }

        @Override
        public List<String> args() {
            return args;
        }

        @Override
        public String currentDirectory() {
            return cwd;
        }

        @Override
        public boolean remoteSession() {
            return remote;
        }

        @Override
        public void out(String text) {
            o.accept(text.getBytes(OEM));
        }

        @Override
        public void err(String text) {
            e.accept(text.getBytes(OEM));
        }

        @Override
        public void outBytes(byte[] bytes) {
            o.accept(bytes);
        }

        @Override
        public InputStream stdin() {
            return stdin;
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(Math.max(0, d.toMillis()));
        }
    }

    /** Windows argument splitting (CommandLineToArgvW, simplified: quotes group, backslashes literal). */
    static final class Args {
        private Args() {
        }

        static List<String> split(String s) {
            List<String> out = new ArrayList<>();
            for (String t : splitKeepQuotes(s)) {
                out.add(t);
            }
            return out;
        }

        static List<String> splitKeepQuotes(String s) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean q = false;
            boolean any = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    q = !q;
                    cur.append(c);
                    any = true;
                } else if (!q && Character.isWhitespace(c)) {
                    if (any) {
                        out.add(cur.toString());
                        cur.setLength(0);
                        any = false;
                    }
                } else {
                    cur.append(c);
                    any = true;
                }
            }
            if (any) {
                out.add(cur.toString());
            }
            return out;
        }

        static String unquote(String s) {
            return s.replace("\"", "");
        }

        static int firstTokenEnd(String s) {
            boolean q = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    q = !q;
                } else if (!q && Character.isWhitespace(c)) {
                    return i;
                }
            }
            return s.length();
        }
    }
}
