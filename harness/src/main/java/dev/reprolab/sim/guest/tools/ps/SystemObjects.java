package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Process and service objects (System.Diagnostics.Process, ServiceController) over the guest's tables. */
final class SystemObjects {

    private SystemObjects() {
    }

    static List<PsObject> processes(Session s) {
        List<PsObject> out = new ArrayList<>();
        for (PsHost.ProcessRow p : s.host.processes()) {
            out.add(process(s, p));
        }
        out.sort((a, b) -> {
            int c = PsConvert.str(a.get("ProcessName")).compareToIgnoreCase(PsConvert.str(b.get("ProcessName")));
            return c != 0 ? c : Integer.compare(PsConvert.toInt(a.get("Id")), PsConvert.toInt(b.get("Id")));
        });
        return out;
    }

    static PsObject process(Session s, PsHost.ProcessRow p) {
        String image = p.imageName();
        String name = image.toLowerCase(Locale.ROOT).endsWith(".exe") ? image.substring(0, image.length() - 4) : image;
        PsObject o = new PsObject("System.Diagnostics.Process");
        o.typeNames.add(1, "System.ComponentModel.Component");
        long ws = p.workingSetKb() * 1024;
        int handles = 40 + (p.pid() % 97) * 3;
        o.put("Name", name);
        o.put("Handles", handles);
        o.put("VM", 20_000_000L + ws * 3);
        o.put("WS", ws);
        o.put("PM", ws * 6 / 10);
        o.put("NPM", 3_000L + (p.pid() % 13) * 512);
        o.put("Path", p.pid() <= 4 ? null : "C:\\Windows\\system32\\" + image);
        o.put("Company", p.pid() <= 4 ? null : "Microsoft Corporation");
        o.put("CPU", p.pid() <= 4 ? null : (Object) ((p.pid() % 50) / 10.0 + 0.03));
        o.put("Id", p.pid());
        o.put("ProcessName", name);
        o.put("SessionId", p.sessionId());
        o.put("HandleCount", handles);
        o.put("WorkingSet", (int) Math.min(Integer.MAX_VALUE, ws));
        o.put("WorkingSet64", ws);
        o.put("PrivateMemorySize64", ws * 6 / 10);
        o.put("MainWindowTitle", "");
        o.put("HasExited", false);
        o.put("StartTime", Dates.of(s.host.bootTime().plusSeconds(30 + p.pid() % 600), s.host.zone()));
        o.put("BasePriority", 8);
        o.put("Responding", true);
        o.toStringValue = "System.Diagnostics.Process (" + name + ")";
        int pid = p.pid();
        o.methods.put("kill", a -> {
            String err = s.host.stopProcess(pid);
            if (err != null) {
                throw new NetException("System.ComponentModel.Win32Exception", err);
            }
            return PsConvert.VOID;
        });
        o.methods.put("waitforexit", a -> {
            long deadline = a.isEmpty() ? Long.MAX_VALUE : s.host.now().toEpochMilli() + PsConvert.toLong(a.get(0));
            while (alive(s, pid)) {
                if (s.host.now().toEpochMilli() >= deadline) {
                    return false;
                }
                sleep(s, 100);
            }
            return true;
        });
        o.methods.put("refresh", a -> PsConvert.VOID);
        return o;
    }

    static boolean alive(Session s, int pid) {
        return s.host.processes().stream().anyMatch(p -> p.pid() == pid);
    }

    static void sleep(Session s, long ms) {
        try {
            s.host.sleep(java.time.Duration.ofMillis(ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PsInterpreter.Stopped();
        }
    }

    static Object startProcess(Session s, String file, String args) {
        int pid = s.host.startProcess((file.contains(" ") ? "\"" + file + "\"" : file) + (args.isEmpty() ? "" : " " + args));
        if (pid < 0) {
            throw new NetException("System.ComponentModel.Win32Exception", "The system cannot find the file specified");
        }
        return s.host.processes().stream().filter(p -> p.pid() == pid).findFirst().map(p -> (Object) process(s, p)).orElse(null);
    }

    static String statusName(String status) {
        return switch (status.toLowerCase(Locale.ROOT).replace("_", "")) {
            case "running" -> "Running";
            case "startpending" -> "StartPending";
            case "stoppending" -> "StopPending";
            case "paused" -> "Paused";
            default -> "Stopped";
        };
    }

    static List<PsObject> services(Session s) {
        List<PsObject> out = new ArrayList<>();
        for (PsHost.ServiceRow r : s.host.services()) {
            out.add(service(s, r));
        }
        out.sort((a, b) -> PsConvert.str(a.get("Name")).compareToIgnoreCase(PsConvert.str(b.get("Name"))));
        return out;
    }

    static PsObject service(Session s, PsHost.ServiceRow r) {
        PsObject o = new PsObject("System.ServiceProcess.ServiceController");
        o.typeNames.add(1, "System.ComponentModel.Component");
        String status = statusName(r.status());
        int code = switch (status) {
            case "Running" -> 4;
            case "StartPending" -> 2;
            case "StopPending" -> 3;
            case "Paused" -> 7;
            default -> 1;
        };
        o.put("Name", r.name());
        o.put("RequiredServices", new Object[0]);
        o.put("CanPauseAndContinue", false);
        o.put("CanShutdown", status.equals("Running"));
        o.put("CanStop", status.equals("Running"));
        o.put("DisplayName", r.displayName());
        o.put("DependentServices", r.dependentServices().toArray());
        o.put("MachineName", ".");
        o.put("ServiceName", r.name());
        o.put("ServicesDependedOn", new Object[0]);
        o.put("ServiceHandle", null);
        o.put("Status", new PsEnum("System.ServiceProcess.ServiceControllerStatus", status, code));
        o.put("ServiceType", new PsEnum("System.ServiceProcess.ServiceType", "Win32OwnProcess", 16));
        o.put("Site", null);
        o.put("Container", null);
        o.toStringValue = "System.ServiceProcess.ServiceController";
        String name = r.name();
        o.methods.put("stop", a -> control(s, name, false));
        o.methods.put("start", a -> control(s, name, true));
        o.methods.put("refresh", a -> PsConvert.VOID);
        o.methods.put("waitforstatus", a -> {
            String want = PsConvert.str(a.get(0));
            long deadline = a.size() > 1 ? s.host.now().toEpochMilli() + ((PsTimeSpan) Casts.to("System.TimeSpan", a.get(1))).duration().toMillis()
                    : Long.MAX_VALUE;
            while (true) {
                PsHost.ServiceRow now = row(s, name);
                if (now != null && statusName(now.status()).equalsIgnoreCase(want)) {
                    return PsConvert.VOID;
                }
                if (s.host.now().toEpochMilli() >= deadline) {
                    throw new NetException("System.ServiceProcess.TimeoutException", "Time out has expired and the operation has not been completed.");
                }
                sleep(s, 250);
            }
        });
        return o;
    }

    private static Object control(Session s, String name, boolean start) {
        Integer rc = s.host.controlService(name, start);
        if (rc != null) {
            throw new NetException("System.InvalidOperationException", "Cannot " + (start ? "start" : "stop") + " service " + name
                    + " on computer '.'.");
        }
        return PsConvert.VOID;
    }

    static PsHost.ServiceRow row(Session s, String name) {
        return s.host.services().stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
