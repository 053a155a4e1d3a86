package dev.reprolab.sim.guest;

import dev.reprolab.windows.hotfix.HotFix;
import dev.reprolab.windows.hotfix.QfeFormatter;
import dev.reprolab.windows.netstat.NetstatFormatter;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.sc.ScFormatter;
import dev.reprolab.windows.sc.ServiceStatus;
import dev.reprolab.windows.tasklist.TaskRow;
import dev.reprolab.windows.tasklist.TaskkillFormatter;
import dev.reprolab.windows.tasklist.TasklistFormatter;
import dev.reprolab.windows.text.Lines;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console programs at the heart of the case: netstat, sc, tasklist, taskkill, httpd, shutdown, wmic, reg,
 * hostname. Output goes through the same formatters the harness's parsers are tested against
 * ({@code dev.reprolab.windows}), so simulated and real output agree by construction.
 */
final class CorePrograms {

    private CorePrograms() {
    }

    static List<GuestProgram> all() {
        return List.of(new Powershell(), new Netstat(), new Sc(), new Tasklist(), new Taskkill(), new Httpd(), new Shutdown(), new Wmic(),
                new Reg(), program(List.of("hostname", "hostname.exe"), c -> {
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

    /** netstat [-a] [-n] [-o] [-p tcp] [interval], flags in any grouping. */
    static final class Netstat implements GuestProgram {
        @Override
        public List<String> names() {
            return List.of("netstat", "netstat.exe");
        }

        @Override
        public int run(ProgramCall c) throws InterruptedException {
            boolean pid = false;
            boolean all = false;
            String proto = null;
            Integer interval = null;
            List<String> args = c.args();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("-") || a.startsWith("/")) {
                    String flags = a.substring(1).toLowerCase(Locale.ROOT);
                    if (flags.equals("p")) {
                        proto = i + 1 < args.size() ? args.get(++i).toUpperCase(Locale.ROOT) : null;
                        continue;
                    }
                    for (char f : flags.toCharArray()) {
                        switch (f) {
                            case 'a' -> all = true;
                            case 'n' -> { }
                            case 'o' -> pid = true;
                            default -> {
                                c.out(usage());
                                return 1;
                            }
                        }
                    }
                } else if (a.matches("\\d+")) {
                    interval = Integer.parseInt(a);
                } else {
                    c.out(usage());
                    return 1;
                }
            }
            SimGuest g = guest(c);
            do {
                List<NetstatRow> rows = g.tcp().enumerate(g.clock().millis(), d -> Thread.sleep(Math.max(0, d.toMillis()),
                        (int) (d.toNanos() % 1_000_000)));
                boolean a2 = all;
                String p2 = proto;
                List<NetstatRow> shown = rows.stream().filter(r -> a2 || !"LISTENING".equals(r.state()))
                        .filter(r -> p2 == null || r.proto().equalsIgnoreCase(p2)).toList();
                c.out(NetstatFormatter.format(shown, pid));
                if (interval != null) {
                    c.sleep(Duration.ofSeconds(interval));
                }
            } while (interval != null);
            return 0;
        }

        private static String usage() {
            return "\r\nDisplays protocol statistics and current TCP/IP network connections.\r\n\r\n"
                    + "NETSTAT [-a] [-b] [-e] [-f] [-n] [-o] [-p proto] [-r] [-s] [-t] [interval]\r\n\r\n";
        }
    }

    /** sc query/queryex/start/stop/qc/delete/config. */
    static final class Sc implements GuestProgram {
        @Override
        public List<String> names() {
            return List.of("sc", "sc.exe");
        }

        @Override
        public int run(ProgramCall c) throws InterruptedException {
            List<String> a = c.args();
            if (a.isEmpty()) {
                c.out("DESCRIPTION:\r\n        SC is a command line program used for communicating with the\r\n"
                        + "        Service Control Manager and services.\r\n");
                return 0;
            }
            String op = a.get(0).toLowerCase(Locale.ROOT);
            String name = a.size() > 1 ? a.get(1) : null;
            SimGuest g = guest(c);
            synchronized (g.lock()) {
                GuestState.Service svc = name == null ? null : g.state().services.get(name.toLowerCase(Locale.ROOT));
                switch (op) {
                    case "query", "queryex" -> {
                        if (name == null) {
                            for (GuestState.Service s : g.state().services.values()) {
                                c.out(op.equals("query") ? ScFormatter.query(status(s, false)) : ScFormatter.queryEx(status(s, true)));
                            }
                            return 0;
                        }
                        if (svc == null) {
                            return fail(c, op.equals("query") ? "EnumQueryServicesStatus:OpenService" : "EnumQueryServicesStatus:OpenService", 1060);
                        }
                        c.out(op.equals("query") ? ScFormatter.query(status(svc, false)) : ScFormatter.queryEx(status(svc, true)));
                        return 0;
                    }
                    case "start" -> {
                        if (svc == null) {
                            return fail(c, "StartService: OpenService", 1060);
                        }
                        if (svc.stateCode != 1) {
                            return fail(c, "StartService", 1056);
                        }
                        if (!svc.apache || !g.apache().start(svc)) {
                            return fail(c, "StartService", 1053);
                        }
                        c.out(ScFormatter.queryEx(status(svc, true)));
                        return 0;
                    }
                    case "stop" -> {
                        if (svc == null) {
                            return fail(c, "ControlService: OpenService", 1060);
                        }
                        if (svc.stateCode == 1) {
                            return fail(c, "ControlService", 1062);
                        }
                        if (svc.stateCode == 3) {
                            return fail(c, "ControlService", 1061);
                        }
                        g.apache().stop(svc);
                        c.out(ScFormatter.query(status(svc, false)));
                        return 0;
                    }
                    case "delete" -> {
                        if (svc == null) {
                            return fail(c, "OpenService", 1060);
                        }
                        g.state().services.remove(name.toLowerCase(Locale.ROOT));
                        c.out(ScFormatter.success("DeleteService"));
                        return 0;
                    }
                    default -> {
                        c.out("ERROR:  Unrecognized command\r\n");
                        return 1639;
                    }
                }
            }
        }

        private static int fail(ProgramCall c, String operation, int error) {
            c.out(ScFormatter.failure(operation, error));
            return error;
        }

        static ServiceStatus status(GuestState.Service s, boolean ex) {
            List<String> controls = switch (s.stateCode) {
                case 4 -> ServiceStatus.STOPPABLE;
                case 2, 3 -> ServiceStatus.PENDING;
                default -> List.of();
            };
            return new ServiceStatus(s.name, ServiceStatus.WIN32_OWN_PROCESS, ServiceStatus.stateName(s.stateCode), s.stateCode,
                    controls, s.win32ExitCode, 0, s.checkpoint, s.waitHint, ex ? s.pid : null, ex ? 0L : null);
        }
    }

    /** tasklist [/fo table|csv] [/nh] [/fi "IMAGENAME eq X"] [/fi "PID eq N"]. */
    static final class Tasklist implements GuestProgram {
        @Override
        public List<String> names() {
            return List.of("tasklist", "tasklist.exe");
        }

        @Override
        public int run(ProgramCall c) {
            List<String> a = c.args();
            boolean csv = false;
            boolean header = true;
            Predicate<GuestOs.ProcessInfo> filter = p -> true;
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i).toLowerCase(Locale.ROOT);
                if (s.equals("/fo") && i + 1 < a.size()) {
                    csv = a.get(++i).equalsIgnoreCase("csv");
                } else if (s.equals("/nh")) {
                    header = false;
                } else if (s.equals("/fi") && i + 1 < a.size()) {
                    filter = filter.and(filter(a.get(++i)));
                } else {
                    c.err("ERROR: Invalid argument/option - '" + a.get(i) + "'.\r\nType \"TASKLIST /?\" for usage.\r\n");
                    return 1;
                }
            }
            List<TaskRow> rows = new ArrayList<>();
            for (GuestOs.ProcessInfo p : c.os().processes()) {
                if (filter.test(p)) {
                    rows.add(new TaskRow(p.imageName(), p.pid(), p.sessionName(), p.sessionNumber(), p.memUsageKb()));
                }
            }
            if (rows.isEmpty()) {
                c.out(TasklistFormatter.noTasks());
                return 0;
            }
            c.out(csv ? TasklistFormatter.csv(rows, header) : TasklistFormatter.table(rows, header));
            return 0;
        }

        static Predicate<GuestOs.ProcessInfo> filter(String f) {
            Matcher m = Pattern.compile("(?i)\\s*(IMAGENAME|PID)\\s+(eq|ne)\\s+(.+?)\\s*").matcher(f);
            if (!m.matches()) {
                return p -> true;
            }
            boolean eq = m.group(2).equalsIgnoreCase("eq");
            String v = m.group(3);
            Predicate<GuestOs.ProcessInfo> base = m.group(1).equalsIgnoreCase("PID")
                    ? p -> Integer.toString(p.pid()).equals(v)
                    : p -> p.imageName().equalsIgnoreCase(v);
            return eq ? base : base.negate();
        }
    }

    /** taskkill /f /pid N | /im NAME. A process stuck in the kernel reports success and stays. */
    static final class Taskkill implements GuestProgram {
        @Override
        public List<String> names() {
            return List.of("taskkill", "taskkill.exe");
        }

        @Override
        public int run(ProgramCall c) {
            List<String> a = c.args();
            List<Integer> pids = new ArrayList<>();
            String image = null;
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i).toLowerCase(Locale.ROOT);
                if (s.equals("/pid") && i + 1 < a.size()) {
                    pids.add(Integer.parseInt(a.get(++i)));
                } else if (s.equals("/im") && i + 1 < a.size()) {
                    image = a.get(++i);
                }
            }
            SimGuest g = guest(c);
            int rc = 0;
            synchronized (g.lock()) {
                GuestState st = g.state();
                if (image != null) {
                    String im = image;
                    st.processes.stream().filter(p -> p.image.equalsIgnoreCase(im)).forEach(p -> pids.add(p.pid));
                    if (pids.isEmpty()) {
                        c.err("ERROR: The process \"" + image + "\" not found.\r\n");
                        return 128;
                    }
                }
                for (int pid : pids) {
                    GuestState.Proc p = st.process(pid);
                    if (p == null) {
                        c.err(TaskkillFormatter.notFound(pid));
                        rc = 128;
                        continue;
                    }
                    if (pid == 4 || p.image.equalsIgnoreCase("csrss.exe") || p.image.equalsIgnoreCase("lsass.exe")) {
                        c.err(TaskkillFormatter.accessDenied(image, pid));
                        rc = 1;
                        continue;
                    }
                    c.out(image != null ? TaskkillFormatter.success(p.image, pid) : TaskkillFormatter.success(pid));
                    if (!p.stuck) {
                        st.processes.remove(p);
                        st.services.values().stream().filter(s -> s.pid == pid).forEach(s -> {
                            s.stateCode = 1;
                            s.pid = 0;
                            s.win32ExitCode = 1067;
                        });
                    }
                }
            }
            return rc;
        }
    }

    /** httpd.exe -k install|uninstall [-n NAME]; running it otherwise would need a console. */
    static final class Httpd implements GuestProgram {
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
            SimGuest g = guest(c);
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

    /** shutdown /r|/s [/t N] [/f]. */
    static final class Shutdown implements GuestProgram {
        @Override
        public List<String> names() {
            return List.of("shutdown", "shutdown.exe");
        }

        @Override
        public int run(ProgramCall c) {
            boolean restart = c.args().stream().anyMatch(a -> a.equalsIgnoreCase("/r") || a.equalsIgnoreCase("-r"));
            boolean stop = c.args().stream().anyMatch(a -> a.equalsIgnoreCase("/s") || a.equalsIgnoreCase("-s"));
            if (restart) {
                c.os().restart("Other (Planned)");
                return 0;
            }
            if (stop) {
                SimGuest g = guest(c);
                g.timer().schedule(g::shutDown, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
                return 0;
            }
            c.err("Usage: shutdown [/i | /l | /s | /r | /g | /a | /p | /h | /e] [/f]\r\n");
            return 1;
        }
    }

    /** wmic os get LastBootUpTime /value; wmic qfe [list brief | get COLS]; wmic datafile where name='...' get Version /value. */
    static final class Wmic implements GuestProgram {
        @Override
        public List<String> names() {
            return List.of("wmic", "wmic.exe");
        }

        @Override
        public int run(ProgramCall c) {
            String raw = c.rawArguments().strip();
            String lower = raw.toLowerCase(Locale.ROOT);
            // wmic writes CR CR LF when its output is not a console — always the case under WinRM
            if (lower.startsWith("os ")) {
                if (lower.contains("lastbootuptime")) {
                    c.out(Lines.toCrCrLf("\r\n\r\nLastBootUpTime=" + c.os().lastBootUpTimeWmi() + "\r\n\r\n\r\n"));
                    return 0;
                }
            } else if (lower.startsWith("qfe")) {
                List<HotFix> list = c.os().hotfixes().stream().map(h -> new HotFix(h.hotFixId(), h.description(),
                        "http://support.microsoft.com/?kbid=" + h.hotFixId().substring(2), h.installedBy(), h.installedOn())).toList();
                List<String> cols = List.of("Caption", "CSName", "Description", "FixComments", "HotFixID", "InstallDate",
                        "InstalledBy", "InstalledOn", "Name", "ServicePackInEffect", "Status");
                int get = lower.indexOf(" get ");
                if (get >= 0) {
                    cols = List.of(raw.substring(get + 5).strip().split("\\s*,\\s*"));
                } else if (lower.contains("brief")) {
                    cols = List.of("Description", "FixComments", "HotFixID", "InstallDate", "InstalledBy", "InstalledOn", "Name", "ServicePackInEffect", "Status");
                }
                if (list.isEmpty()) {
                    c.err(Lines.toCrCrLf("No Instance(s) Available.\r\n"));
                    return 0;
                }
                c.out(Lines.toCrCrLf(QfeFormatter.wmicQfe(list, cols)));
                return 0;
            } else if (lower.startsWith("datafile")) {
                Matcher m = Pattern.compile("(?i)name\\s*=\\s*['\"]([^'\"]+)['\"]").matcher(raw);
                if (m.find()) {
                    String path = m.group(1).replace("\\\\", "\\");
                    Optional<String> v = c.os().fileVersion(path);
                    if (v.isEmpty() || !Files.exists(c.os().file(path))) {
                        c.err(Lines.toCrCrLf("No Instance(s) Available.\r\n"));
                        return 0;
                    }
                    c.out(Lines.toCrCrLf("\r\n\r\nVersion=" + v.get() + "\r\n\r\n\r\n"));
                    return 0;
                }
            }
            c.err("Node - " + c.os().computerName() + "\r\nERROR:\r\nDescription = Invalid query\r\n\r\n");
            return 44210;
        }
    }

    /** reg query for the pending-reboot keys the harness reads. */
    static final class Reg implements GuestProgram {
        static final String CBS_REBOOT = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending";

        @Override
        public List<String> names() {
            return List.of("reg", "reg.exe");
        }

        @Override
        public int run(ProgramCall c) {
            List<String> a = c.args();
            if (a.size() < 2 || !a.get(0).equalsIgnoreCase("query")) {
                c.err("ERROR: Invalid syntax.\r\nType \"REG /?\" for usage.\r\n");
                return 1;
            }
            String key = a.get(1).replaceFirst("(?i)^HKLM\\\\", "HKEY_LOCAL_MACHINE\\\\");
            if (key.equalsIgnoreCase(CBS_REBOOT)) {
                if (c.os().rebootPending()) {
                    c.out("\r\n" + CBS_REBOOT + "\r\n    " + "{" + "5A3A1C9B-0D2E-4C4F-9E6B-1D5F2D7E8A10" + "}    REG_DWORD    0x1\r\n\r\n");
                    return 0;
                }
            }
            c.err("ERROR: The system was unable to find the specified registry key or value.\r\n");
            return 1;
        }
    }
}
