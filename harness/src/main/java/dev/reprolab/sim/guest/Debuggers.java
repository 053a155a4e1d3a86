package dev.reprolab.sim.guest;

import dev.reprolab.windows.debugger.DumpState;
import dev.reprolab.windows.debugger.KdFormatter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Debugging Tools for Windows on the guest — {@code kd.exe} and {@code cdb.exe} of the Windows Kits 10 x64
 * Debuggers folder — and Sysinternals LiveKd. They read a dump's state from the dump FILE on the guest's disk
 * ({@link DumpState}), never from the running guest, so a dump shows the moment it was taken; LiveKd takes a live
 * kernel dump first (as the real one does) and runs kd on it.
 *
 * <p>As the real ones: {@code -z DUMP}, {@code -c "cmd; cmd; q"} (without a final {@code q} the debugger waits for
 * input from its console forever), {@code -logo LOG} (the whole output, also on the console), {@code -y SYMPATH}.
 * Symbols load when the path names a local directory ({@code srv*C:\sym*https://...} or {@code C:\sym}) that holds
 * them; the guest has no route to the internet, so otherwise every frame is {@code module+0xoffset} after
 * "*** ERROR: Symbol file could not be found".
 */
final class Debuggers {

    static final String KITS = "C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64";
    static final String LIVEKD_DUMP = "C:\\Windows\\livekd.dmp";
    /** {@code -logo} writes the ANSI code page (-logou would write UTF-16). */
    static final java.nio.charset.Charset LOG_CHARSET = java.nio.charset.Charset.forName("windows-1252");

    private Debuggers() {
    }

    static List<GuestProgram> all() {
        return List.of(CorePrograms.program(List.of("kd", "kd.exe"), c -> debugger(c, "kd")),
                CorePrograms.program(List.of("cdb", "cdb.exe"), c -> debugger(c, "cdb")),
                CorePrograms.program(List.of("livekd", "livekd.exe", "livekd64", "livekd64.exe"), Debuggers::liveKd));
    }

    /** Files the image recipe installs (the SDK's debuggers, LiveKd, a pre-seeded symbol cache of an offline lab). */
    static void populate(Path disk) throws IOException {
        Path kits = disk.resolve("Program Files (x86)/Windows Kits/10/Debuggers/x64");
        Files.createDirectories(kits);
        Files.writeString(kits.resolve("kd.exe"), "Windows Kits 10 kd.exe " + KdFormatter.VERSION);
        Files.writeString(kits.resolve("cdb.exe"), "Windows Kits 10 cdb.exe " + KdFormatter.VERSION);
        Files.writeString(disk.resolve("tools/livekd64.exe"), "Sysinternals LiveKd v5.63");
        for (String pdb : List.of("ntkrnlmp.pdb", "tcpip.pdb", "afd.pdb", "ntdll.pdb")) {
            Files.createDirectories(disk.resolve("sym").resolve(pdb));
        }
    }

    /** Whether a program given by path exists on the guest; prints cmd's message when not. */
    private static boolean present(ProgramCall c) {
        String image = c.image().replace("\"", "");
        if (!image.contains("\\")) {
            return true;
        }
        Path p = c.os().file(image);
        if (Files.isRegularFile(p)) {
            return true;
        }
        if (!Files.isDirectory(p.getParent())) {
            c.err("The system cannot find the path specified.\r\n");
        } else {
            c.err("'" + image + "' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
        }
        return false;
    }

    private record Options(String dump, String commands, String log, String symbols, String debugger) {
    }

    private static Options options(List<String> a) {
        String dump = null;
        String cmds = null;
        String log = null;
        String sym = null;
        String dbg = null;
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i).toLowerCase(Locale.ROOT);
            String next = i + 1 < a.size() ? a.get(i + 1) : null;
            switch (x) {
                case "-z" -> dump = next;
                case "-c" -> cmds = next;
                case "-logo", "-loga" -> log = next;
                case "-y" -> sym = next;
                case "-k" -> dbg = next;
                default -> {
                    continue;
                }
            }
            i++;
        }
        return new Options(dump, cmds, log, sym, dbg);
    }

    static int debugger(ProgramCall c, String name) throws InterruptedException {
        if (!present(c)) {
            return 9009;
        }
        Options o = options(c.args());
        if (o.dump() == null) {
            c.out("\r\nMicrosoft (R) Windows Debugger Version " + KdFormatter.VERSION + " AMD64\r\n"
                    + "Copyright (c) Microsoft Corporation. All rights reserved.\r\n\r\n"
                    + "ERROR: -z dump file or a process/kernel target is required\r\n");
            return 1;
        }
        return session(c, name, o, o.dump());
    }

    private static int session(ProgramCall c, String name, Options o, String dumpPath) throws InterruptedException {
        Sink out = new Sink(c, o.log());
        if (o.log() != null && !out.open()) {
            c.out("Unable to open log file '" + o.log() + "', Win32 error 0n3\r\n");
        }
        Path file = c.os().file(dumpPath);
        Optional<DumpState> state = Files.isRegularFile(file) ? DumpState.read(file) : Optional.empty();
        if (state.isEmpty()) {
            out.print("\r\nMicrosoft (R) Windows Debugger Version " + KdFormatter.VERSION + " AMD64\r\n"
                    + "Copyright (c) Microsoft Corporation. All rights reserved.\r\n\r\n\r\nLoading Dump File [" + dumpPath + "]\r\n"
                    + (Files.isRegularFile(file) ? "Could not match Dump File signature - invalid file format\r\n"
                    : "Could not open dump file [" + dumpPath + "], Win32 error 0n2\r\n    \"The system cannot find the file specified.\"\r\n"));
            out.close();
            return 1;
        }
        DumpState s = state.get();
        KdFormatter f = new KdFormatter(s, symbolsAvailable(c, o.symbols()));
        out.print(f.banner(dumpPath, o.symbols(), null));
        String prompt = s.kind().equals("kernel") ? "0: kd> " : "0:000> ";
        boolean quit = false;
        if (o.commands() != null) {
            out.print(prompt + name + ": Reading initial command '" + o.commands() + "'\r\n");
            quit = run(f, o.commands(), out);
        }
        if (!quit) {
            // no q: the debugger waits at its prompt for the next command, as long as its console is open
            out.print(prompt);
            BufferedReader in = new BufferedReader(new InputStreamReader(c.stdin(), StandardCharsets.UTF_8));
            try {
                String line;
                while (!quit && (line = in.readLine()) != null) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    quit = run(f, line, out);
                    if (!quit) {
                        out.print(prompt);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.close();
        return 0;
    }

    /** Runs {@code ;}-separated commands; true when one was {@code q}. */
    private static boolean run(KdFormatter f, String commands, Sink out) {
        for (String cmd : commands.split(";")) {
            String x = cmd.strip();
            if (x.isEmpty()) {
                continue;
            }
            if (x.equalsIgnoreCase("q") || x.equalsIgnoreCase("qq") || x.equalsIgnoreCase("qd")) {
                out.print("quit:\r\n");
                return true;
            }
            out.print(f.command(x));
        }
        return false;
    }

    private static boolean symbolsAvailable(ProgramCall c, String path) {
        if (path == null) {
            return false;
        }
        for (String element : path.split(";")) {
            List<String> dirs = new ArrayList<>();
            String[] parts = element.split("\\*");
            if (parts[0].equalsIgnoreCase("srv") || parts[0].equalsIgnoreCase("cache")) {
                for (int i = 1; i < parts.length; i++) {
                    if (!parts[i].toLowerCase(Locale.ROOT).startsWith("http")) {
                        dirs.add(parts[i]);
                    }
                }
            } else {
                dirs.add(element);
            }
            for (String d : dirs) {
                if (!d.isBlank() && Files.isDirectory(c.os().file(d).resolve("ntkrnlmp.pdb"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** LiveKd: {@code livekd [-accepteula] [-k DEBUGGER] [debugger options]}. */
    static int liveKd(ProgramCall c) throws InterruptedException {
        if (!present(c)) {
            return 9009;
        }
        Options o = options(c.args());
        c.out("\r\nLiveKd v5.63 - Execute kd/windbg on a live system\r\nSysinternals - www.sysinternals.com\r\n"
                + "Copyright (C) 2000-2020 Mark Russinovich and Ken Johnson\r\n\r\n");
        String dbg = o.debugger() != null ? o.debugger() : KITS + "\\kd.exe";
        if (!Files.isRegularFile(c.os().file(dbg))) {
            c.out("Unable to launch " + dbg + ": The system cannot find the file specified.\r\n");
            return 1;
        }
        c.out("Launching " + dbg + ":\r\n");
        SimGuest g = (SimGuest) c.os();
        byte[] memory;
        synchronized (g.lock()) {
            memory = DumpSnapshot.kernel(g, null).encode();
        }
        Path dump = g.file(LIVEKD_DUMP);
        try {
            Files.write(dump, memory);
            return session(c, "kd", o, LIVEKD_DUMP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // a leftover live dump is overwritten next time
            }
        }
    }

    /** The console and, with {@code -logo}, the log file. */
    private static final class Sink {
        private final ProgramCall c;
        private final String log;
        private Path file;

        Sink(ProgramCall c, String log) {
            this.c = c;
            this.log = log;
        }

        boolean open() {
            Path p = c.os().file(log);
            if (!Files.isDirectory(p.getParent())) {
                return false;
            }
            try {
                Files.writeString(p, "", LOG_CHARSET);
            } catch (IOException e) {
                return false;
            }
            file = p;
            print("Opened log file '" + log + "'\r\n");
            return true;
        }

        void print(String text) {
            c.out(text);
            if (file != null) {
                try {
                    Files.writeString(file, text, LOG_CHARSET, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        void close() {
            if (file != null) {
                print("Closing open log file " + log + "\r\n");
                file = null;
            }
        }
    }
}
