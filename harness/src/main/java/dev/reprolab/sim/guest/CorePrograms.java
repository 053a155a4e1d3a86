package dev.reprolab.sim.guest;

import java.util.List;
import java.util.Locale;

/**
 * The console programs at the heart of the case: netstat, sc, tasklist, taskkill, httpd, shutdown, wmic,
 * hostname, each in its own file, and the one-lambda programs. Output goes through the same formatters the harness's parsers are tested against
 * ({@code dev.reprolab.windows}), so simulated and real output agree by construction.
 */
final class CorePrograms {

    private CorePrograms() {
    }

    static List<GuestProgram> all() {
        return List.of(new Powershell(), new Netstat(), new Sc(), new Tasklist(), new Taskkill(), new Httpd(), new Shutdown(), new Wmic(), new Schtasks(),
                program(List.of("hostname", "hostname.exe"), c -> {
                    c.out(c.os().computerName() + "\r\n");
                    return 0;
                }), program(List.of("whoami", "whoami.exe"), c -> {
                    c.out(c.os().computerName().toLowerCase(Locale.ROOT) + "\\administrator\r\n");
                    return 0;
                }));
    }

    interface Body {
        int run(ProgramCall c) throws InterruptedException;
    }

    static GuestProgram program(List<String> names, Body body) {
        return new GuestProgram() {
            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public int run(ProgramCall call) throws InterruptedException {
                return body.run(call);
            }
        };
    }

    static SimGuest guest(ProgramCall c) {
        return (SimGuest) c.os();
    }
}
