package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.tools.ps.PsHost;
import dev.reprolab.sim.guest.tools.ps.PsInterpreter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@code powershell.exe} (2.0) on the guest: {@code -EncodedCommand}, {@code -Command "..."}, and
 * {@code -Command -} reading statements from stdin line by line until {@code exit} or the end of stdin, as the
 * harness's WinRM file channel uses it. Scripts run in {@link PsInterpreter}; external programs go through the
 * guest's cmd so that {@code netstat.exe} in a loop enumerates the same TCP table.
 */
final class Powershell implements GuestProgram {

    @Override
    public List<String> names() {
        return List.of("powershell", "powershell.exe");
    }

    @Override
    public int run(ProgramCall c) throws InterruptedException {
        SimGuest guest = (SimGuest) c.os();
        List<String> a = c.args();
        String script = null;
        boolean fromStdin = false;
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i).toLowerCase(Locale.ROOT);
            if ((s.equals("-encodedcommand") || s.equals("-enc") || s.equals("-e")) && i + 1 < a.size()) {
                script = new String(Base64.getDecoder().decode(a.get(i + 1)), StandardCharsets.UTF_16LE);
                break;
            }
            if (s.equals("-command") || s.equals("-c")) {
                if (i + 1 < a.size() && a.get(i + 1).equals("-")) {
                    fromStdin = true;
                } else {
                    script = commandText(c.rawArguments());
                }
                break;
            }
        }
        PsInterpreter ps = new PsInterpreter(host(guest, c), c::out, c::err);
        try {
            if (fromStdin) {
                BufferedReader in = new BufferedReader(new InputStreamReader(c.stdin(), StandardCharsets.US_ASCII));
                for (String line; (line = in.readLine()) != null; ) {
                    OptionalInt exit = ps.run(line);
                    if (exit.isPresent()) {
                        return exit.getAsInt();
                    }
                }
                return ps.hadError() ? 1 : 0;
            }
            if (script == null) {
                c.out("Windows PowerShell\r\nCopyright (C) 2009 Microsoft Corporation. All rights reserved.\r\n\r\n");
                return 0;
            }
            OptionalInt exit = ps.run(script);
            return exit.orElse(ps.hadError() ? 1 : 0);
        } catch (PsInterpreter.Stopped e) {
            throw new InterruptedException();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ps.closeAll();
        }
    }

    /** The text after -Command: one quoted argument, or the rest of the line. */
    static String commandText(String raw) {
        int i = raw.toLowerCase(Locale.ROOT).indexOf("-command");
        if (i < 0) {
            i = raw.toLowerCase(Locale.ROOT).indexOf("-c ");
        }
        String rest = raw.substring(raw.indexOf(' ', i) + 1).strip();
        if (rest.startsWith("\"") && rest.endsWith("\"") && rest.length() >= 2) {
            rest = rest.substring(1, rest.length() - 1);
        }
        return rest;
    }

    private static PsHost host(SimGuest guest, ProgramCall call) {
        return new PsHost() {
            @Override
            public String currentDirectory() {
                return call.currentDirectory();
            }

            @Override
            public Path file(String canonicalWindowsPath) {
                return guest.file(canonicalWindowsPath);
            }

            @Override
            public String lastBootUpTimeWmi() {
                return guest.lastBootUpTimeWmi();
            }

            @Override
            public Optional<String> fileVersion(String canonicalWindowsPath) {
                return guest.fileVersion(canonicalWindowsPath);
            }

            @Override
            public String computerName() {
                return guest.computerName();
            }

            @Override
            public List<HotFixRow> hotfixes() {
                return guest.hotfixes().stream().map(h -> new HotFixRow(h.description(), h.hotFixId(), h.installedBy(),
                        h.installedOn())).toList();
            }

            @Override
            public Instant now() {
                return guest.clock().instant();
            }

            @Override
            public void reserveDisk(long bytes) throws java.io.IOException {
                guest.reserveDisk(bytes);
            }

            @Override
            public Integer external(String commandLine, Consumer<String> out, Consumer<String> err) throws InterruptedException {
                String image = commandLine.split("\\s+")[0];
                if (guest.program(image) == null) {
                    return null;
                }
                LineSink o = new LineSink(out);
                LineSink e = new LineSink(err);
                int rc = new CmdShell(guest, call.remoteSession(), java.io.InputStream.nullInputStream(), o, e).runLine(commandLine);
                o.flush();
                e.flush();
                return rc;
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                call.sleep(d);
            }
        };
    }

    /** Bytes from a program, cut into lines for PowerShell's pipeline. */
    private static final class LineSink implements Consumer<byte[]> {
        private final Consumer<String> lines;
        private final StringBuilder cur = new StringBuilder();

        LineSink(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void accept(byte[] bytes) {
            cur.append(new String(bytes, CmdShell.OEM));
            int nl;
            while ((nl = cur.indexOf("\n")) >= 0) {
                String line = cur.substring(0, nl);
                lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                cur.delete(0, nl + 1);
            }
        }

        void flush() {
            if (cur.length() > 0) {
                lines.accept(cur.toString());
                cur.setLength(0);
            }
        }
    }
}
