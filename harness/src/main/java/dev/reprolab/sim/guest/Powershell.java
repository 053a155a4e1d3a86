package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.tools.ps.PsInterpreter;
import dev.reprolab.sim.guest.tools.ps.PsInvocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code powershell.exe} (2.0) on the guest: {@code -EncodedCommand}, {@code -Command "..."}, {@code -File}, and
 * {@code -Command -} reading statements from stdin line by line (a statement left open reads on, as the console
 * host does). Exit code: {@code exit N}, else 1 when the last statement failed, else 0.
 */
final class Powershell implements GuestProgram {

    @Override
    public List<String> names() {
        return List.of("powershell", "powershell.exe");
    }

    @Override
    public int run(ProgramCall c) throws InterruptedException {
        SimGuest guest = (SimGuest) c.os();
        PsInvocation inv = PsInvocation.parse(c.args());
        if (inv.error() != null) {
            c.err(inv.error() + "\r\n");
            return 1;
        }
        PsInterpreter ps = new PsInterpreter(new GuestPsHost(guest, c), c::out, c::err);
        if (inv.executionPolicy() != null) {
            ps.executionPolicy(inv.executionPolicy());
        }
        try {
            if (inv.fromStdin()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(c.stdin(), StandardCharsets.US_ASCII));
                for (String line; (line = in.readLine()) != null; ) {
                    OptionalInt exit = ps.runLine(line);
                    if (exit.isPresent()) {
                        return exit.getAsInt();
                    }
                }
                return ps.hadError() ? 1 : 0;
            }
            String script = inv.file() != null ? ps.fileScript(inv.file(), inv.fileArgs()) : inv.script();
            if (script == null) {
                c.out("Windows PowerShell\r\nCopyright (C) 2009 Microsoft Corporation. All rights reserved.\r\n\r\n");
                return 0;
            }
            OptionalInt exit = ps.run(script);
            return exit.orElse(ps.hadError() && inv.file() == null ? 1 : 0);
        } catch (PsInterpreter.Stopped e) {
            throw new InterruptedException();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ps.closeAll();
        }
    }
}
