package dev.reprolab.sim.guest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import dev.reprolab.sim.guest.tools.WinArgs;
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
    private final CmdBuiltins builtins;

    CmdShell(SimGuest guest, boolean remote, InputStream stdin, Consumer<byte[]> out, Consumer<byte[]> err) {
        this.guest = guest;
        this.remote = remote;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.builtins = new CmdBuiltins(this, guest);
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
        CmdSyntax.split(line, parts, ops);
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
        int pipe = CmdSyntax.indexOutsideQuotes(c, '|');
        if (pipe > 0) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            run(c.substring(0, pipe), buf::writeBytes, e);
            return errorLevel = builtins.filter(c.substring(pipe + 1).strip(), buf.toString(OEM), o, e);
        }
        CmdSyntax.Redirect r = CmdSyntax.Redirect.parse(c);
        Consumer<byte[]> so = o;
        Consumer<byte[]> se = e;
        if (r.out() != null) {
            so = r.out().equalsIgnoreCase("nul") ? b -> { } : appender(r.out(), r.append());
        }
        if (r.errToOut()) {
            se = so;
        } else if (r.err() != null) {
            se = r.err().equalsIgnoreCase("nul") ? b -> { } : appender(r.err(), false);
        }
        return errorLevel = simple(r.command().strip(), so, se);
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

    private int simple(String c, Consumer<byte[]> o, Consumer<byte[]> e) throws InterruptedException {
        if (c.isEmpty()) {
            return errorLevel;
        }
        List<String> args = WinArgs.split(c);
        String image = args.get(0);
        String lower = image.toLowerCase(Locale.ROOT);
        String rest = c.substring(Math.min(c.length(), CmdSyntax.firstTokenEnd(c))).strip();
        switch (lower) {
            case "cmd", "cmd.exe" -> {
                int slashC = CmdSyntax.indexOfSwitch(rest, "/c");
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
                return n.isEmpty() ? errorLevel : CmdSyntax.parseInt(n);
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
                return builtins.mkdir(CmdSyntax.unquote(rest), e);
            }
            case "del", "erase" -> {
                return builtins.del(args, e);
            }
            case "type" -> {
                return builtins.type(rest, o, e);
            }
            case "dir" -> {
                return builtins.dir(args, o, e);
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
                    e.accept(("'" + CmdSyntax.unquote(image) + "' is not recognized as an internal or external command,\r\n"
                            + "operable program or batch file.\r\n").getBytes(OEM));
                    return 9009;
                }
                return p.run(new CmdCall(this, image, rest, args.subList(1, args.size()), o, e));
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
        int end = CmdSyntax.firstTokenEnd(r);
        String path = CmdSyntax.unquote(r.substring(0, end));
        String tail = r.substring(end).strip();
        String then = tail;
        String otherwise = null;
        if (tail.startsWith("(")) {
            int close = CmdSyntax.matching(tail, 0);
            then = tail.substring(1, close);
            String after = tail.substring(close + 1).strip();
            if (after.toLowerCase(Locale.ROOT).startsWith("else")) {
                otherwise = after.substring(4).strip();
                if (otherwise.startsWith("(")) {
                    otherwise = otherwise.substring(1, CmdSyntax.matching(otherwise, 0));
                }
            }
        }
        boolean exists = Files.exists(guest.file(path));
        if (exists != not) {
            return sequence(then, o, e);
        }
        return otherwise == null ? 0 : sequence(otherwise, o, e);
    }

    private String expand(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int close = c == '%' ? s.indexOf('%', i + 1) : -1;
            if (close > i + 1) {
                String v = builtins.variable(s.substring(i + 1, close));
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

    SimGuest guest() {
        return guest;
    }

    String cwd() {
        return cwd;
    }

    boolean remote() {
        return remote;
    }

    InputStream stdin() {
        return stdin;
    }

    int errorLevel() {
        return errorLevel;
    }
}
