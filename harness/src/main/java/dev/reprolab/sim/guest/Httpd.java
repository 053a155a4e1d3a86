package dev.reprolab.sim.guest;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/** httpd.exe -k install|uninstall [-n NAME]; running it otherwise would need a console. */
final class Httpd implements GuestProgram {
    @Override
    public List<String> names() {
        return List.of("httpd", "httpd.exe");
    }

    @Override
    public int run(ProgramCall c) {
        String path = c.image().contains("\\") ? c.image() : c.currentDirectory() + "\\httpd.exe";
        if (!path.toLowerCase(Locale.ROOT).endsWith(".exe")) {
            path = path + ".exe";
        }
        if (!Files.isRegularFile(c.os().file(path))) {
            c.err("The system cannot find the path specified.\r\n");
            return 3;
        }
        List<String> a = c.args();
        String op = null;
        String name = "Apache2.4";
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals("-k") && i + 1 < a.size()) {
                op = a.get(++i);
            } else if (a.get(i).equals("-n") && i + 1 < a.size()) {
                name = a.get(++i);
            }
        }
        SimGuest g = CorePrograms.guest(c);
        synchronized (g.lock()) {
            GuestState.Service existing = g.state().services.get(name.toLowerCase(Locale.ROOT));
            if ("install".equals(op)) {
                if (existing != null) {
                    c.err("Installing the '" + name + "' service\r\n[" + c.os().clock().instant()
                            + "] [mpm_winnt:error] [pid 0:tid 0] AH00369: Failed to create the '" + name + "' service.\r\n");
                    return 1;
                }
                Apache.install(g.state(), name, path);
                c.err("Installing the '" + name + "' service\r\n");
                c.out("The '" + name + "' service is successfully installed.\r\nTesting httpd.conf....\r\nErrors reported here must be corrected before the service can be started.\r\n");
                return 0;
            }
            if ("uninstall".equals(op)) {
                if (existing == null) {
                    c.err("Removing the '" + name + "' service\r\n(OS 1060)The specified service does not exist as an installed service.  : AH00373: Failed to open the '" + name + "' service\r\n");
                    return 1;
                }
                g.state().services.remove(name.toLowerCase(Locale.ROOT));
                c.err("Removing the '" + name + "' service\r\n");
                c.out("The '" + name + "' service has been removed successfully.\r\n");
                return 0;
            }
        }
        c.err("Usage: httpd.exe [-D name] [-d directory] [-f file] [-n service_name] [-k start|restart|graceful|stop|install|uninstall]\r\n");
        return 1;
    }
}
