package dev.reprolab.sim.guest;

import dev.reprolab.windows.sc.ScFormatter;
import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.windows.sc.ServiceStatus;
import java.util.List;
import java.util.Locale;

/** sc query/queryex/start/stop/qc/delete/config. */
final class Sc implements GuestProgram {
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
        SimGuest g = CorePrograms.guest(c);
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
                    int error = g.runtimes().start(svc);
                    if (error != 0) {
                        return fail(c, "StartService", error);
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
                    int error = g.runtimes().stop(svc);
                    if (error != 0) {
                        return fail(c, "ControlService", error);
                    }
                    c.out(ScFormatter.query(status(svc, false)));
                    return 0;
                }
                case "create" -> {
                    return create(c, g, a);
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

    /**
     * {@code sc create NAME binPath= "..." [start= auto|demand|disabled] [DisplayName= "..."]}: as on Windows, each
     * option is the word with its '=' and then the value as the next argument.
     */
    private static int create(ProgramCall c, SimGuest g, List<String> a) {
        if (a.size() < 2) {
            c.out("DESCRIPTION:\r\n        Creates a service entry in the registry and Service Database.\r\nUSAGE:\r\n"
                    + "        sc <server> create [service name] [binPath= ] <option1> <option2>...\r\n");
            return 1639;
        }
        String name = a.get(1);
        String bin = null;
        String display = name;
        boolean auto = false;
        for (int i = 2; i + 1 < a.size(); i += 2) {
            String k = a.get(i).toLowerCase(Locale.ROOT);
            String v = a.get(i + 1);
            switch (k) {
                case "binpath=" -> bin = v;
                case "displayname=" -> display = v;
                case "start=" -> auto = v.equalsIgnoreCase("auto");
                case "type=", "error=", "obj=", "depend=", "group=", "tag=", "password=" -> { }
                default -> {
                    c.out("[SC] CreateService FAILED 87:\r\n\r\nThe parameter is incorrect.\r\n\r\n");
                    return 87;
                }
            }
        }
        if (bin == null) {
            c.out("[SC] CreateService FAILED 87:\r\n\r\nThe parameter is incorrect.\r\n\r\n");
            return 87;
        }
        if (g.state().services.containsKey(name.toLowerCase(Locale.ROOT))) {
            return fail(c, "CreateService", 1073);
        }
        g.state().services.put(name.toLowerCase(Locale.ROOT), new GuestState.Service(name, display, bin, auto, false));
        c.out(ScFormatter.success("CreateService"));
        return 0;
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
        // services sharing a svchost (W3SVC and WAS in -k iissvcs) are WIN32_SHARE_PROCESS, as sc shows them
        return new ServiceStatus(s.name, s.binaryPath.toLowerCase(Locale.ROOT).contains("svchost.exe -k")
                    ? ServiceStatus.WIN32_SHARE_PROCESS : ServiceStatus.WIN32_OWN_PROCESS, ServiceState.of(s.stateCode),
                controls, s.win32ExitCode, 0, s.checkpoint, s.waitHint, ex ? s.pid : null, ex ? 0L : null);
    }
}
