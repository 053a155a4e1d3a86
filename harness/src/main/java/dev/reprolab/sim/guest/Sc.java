package dev.reprolab.sim.guest;

import dev.reprolab.windows.sc.ScFormatter;
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
