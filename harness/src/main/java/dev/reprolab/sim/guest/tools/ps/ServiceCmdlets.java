package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;

/**
 * Get-/Start-/Stop-/Restart-/Set-/New-Service over the guest's service table — the one sc.exe sees. Stop-Service
 * waits for the service to stop, warning every second as PowerShell 2.0 does, which is how a service stuck in
 * STOP_PENDING looks from PowerShell.
 */
final class ServiceCmdlets {

    private ServiceCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Get-Service", "Name@0=ServiceName,DisplayName,Include,Exclude,InputObject,ComputerName,DependentServices!,RequiredServices!",
                ServiceCmdlets::get);
        c.add("Start-Service", "Name@0=ServiceName,DisplayName,InputObject,PassThru!,Include,Exclude,?", x -> control(x, "start"));
        c.add("Stop-Service", "Name@0=ServiceName,DisplayName,InputObject,PassThru!,Force!,Include,Exclude,?", x -> control(x, "stop"));
        c.add("Restart-Service", "Name@0=ServiceName,DisplayName,InputObject,PassThru!,Force!,Include,Exclude,?", x -> control(x, "restart"));
        c.add("Set-Service", "Name@0=ServiceName,DisplayName,Description,StartupType,Status,InputObject,PassThru!,ComputerName,?",
                ServiceCmdlets::set);
        c.add("New-Service", "Name@0,BinaryPathName@1,DisplayName,Description,StartupType,Credential,DependsOn,?", ServiceCmdlets::create);
    }

    /** The services named (wildcards allowed), reporting names that match none. */
    private static List<PsObject> select(CmdletCall c) {
        List<PsObject> all = SystemObjects.services(c.session);
        List<PsObject> out = new ArrayList<>();
        List<Object> names = c.list("Name");
        if (names.isEmpty() && c.input != null && !c.has("DisplayName")) {
            for (Object o : c.input) {
                if (o instanceof PsObject p && p.typeName().equals("System.ServiceProcess.ServiceController")) {
                    out.add(p);
                } else {
                    names = new ArrayList<>(names);
                    names.add(PsConvert.str(o instanceof PsObject p && p.has("Name") ? p.get("Name") : o));
                }
            }
            if (names.isEmpty()) {
                return out;
            }
        }
        if (c.get("InputObject") != null) {
            for (Object o : c.list("InputObject")) {
                if (o instanceof PsObject p) {
                    out.add(p);
                }
            }
            return out;
        }
        if (c.has("DisplayName")) {
            for (Object n : c.list("DisplayName")) {
                String pattern = PsConvert.str(n);
                List<PsObject> hit = all.stream().filter(s -> Wildcard.matches(pattern, PsConvert.str(s.get("DisplayName")), true)).toList();
                if (hit.isEmpty() && !Wildcard.hasWildcard(pattern)) {
                    c.error(c.err("Cannot find any service with display name '" + pattern + "'.", "ObjectNotFound: (" + pattern
                            + ":String) [" + c.def.name() + "], ServiceCommandException", "NoServiceFoundForGivenDisplayName"));
                }
                out.addAll(hit);
            }
            return out;
        }
        if (names.isEmpty()) {
            return all;
        }
        for (Object n : names) {
            String pattern = PsConvert.str(n);
            List<PsObject> hit = all.stream().filter(s -> Wildcard.matches(pattern, PsConvert.str(s.get("Name")), true)
                    || !Wildcard.hasWildcard(pattern) && PsConvert.str(s.get("DisplayName")).equalsIgnoreCase(pattern)).toList();
            if (hit.isEmpty() && !Wildcard.hasWildcard(pattern)) {
                c.error(c.err("Cannot find any service with service name '" + pattern + "'.", "ObjectNotFound: (" + pattern
                        + ":String) [" + c.def.name() + "], ServiceCommandException", "NoServiceFoundForGivenName"));
            }
            out.addAll(hit);
        }
        return out;
    }

    private static void get(CmdletCall c) {
        for (PsObject s : select(c)) {
            if (c.sw("DependentServices")) {
                for (Object d : PsConvert.items(s.get("DependentServices"))) {
                    PsHost.ServiceRow r = SystemObjects.row(c.session, PsConvert.str(d));
                    if (r != null) {
                        c.out(SystemObjects.service(c.session, r));
                    }
                }
                continue;
            }
            c.out(s);
        }
    }

    private static String label(PsObject s) {
        return PsConvert.str(s.get("DisplayName")) + " (" + PsConvert.str(s.get("Name")) + ")";
    }

    private static void control(CmdletCall c, String op) {
        for (PsObject s : select(c)) {
            String name = PsConvert.str(s.get("Name"));
            if (!op.equals("start")) {
                if (PsConvert.items(s.get("DependentServices")).stream().anyMatch(d -> isRunning(c, PsConvert.str(d))) && !c.sw("Force")) {
                    c.error(c.err("Cannot stop service '" + label(s) + "' because it has dependent services. It can only be stopped if"
                            + " the Force flag is set.", "InvalidOperation: (System.ServiceProcess.ServiceController:ServiceController) ["
                            + c.def.name() + "], ServiceCommandException", "ServiceHasDependentServices"));
                    continue;
                }
                if (!waitStopped(c, s, name)) {
                    continue;
                }
            }
            if (!op.equals("stop")) {
                PsHost.ServiceRow now = SystemObjects.row(c.session, name);
                if (now != null && !SystemObjects.statusName(now.status()).equals("Running")) {
                    Integer rc = c.session.host.controlService(name, true);
                    if (rc != null) {
                        c.error(c.err("Service '" + label(s) + "' cannot be started due to the following error: Cannot start service "
                                + name + " on computer '.'.", "OpenError: (System.ServiceProcess.ServiceController:ServiceController) ["
                                + c.def.name() + "], ServiceCommandException", "CouldNotStartService"));
                        continue;
                    }
                    waitFor(c, s, name, "Running", "starting");
                }
            }
            if (c.sw("PassThru")) {
                c.out(SystemObjects.service(c.session, SystemObjects.row(c.session, name)));
            }
        }
    }

    private static boolean isRunning(CmdletCall c, String name) {
        PsHost.ServiceRow r = SystemObjects.row(c.session, name);
        return r != null && !SystemObjects.statusName(r.status()).equals("Stopped");
    }

    private static boolean waitStopped(CmdletCall c, PsObject s, String name) {
        PsHost.ServiceRow now = SystemObjects.row(c.session, name);
        if (now == null || SystemObjects.statusName(now.status()).equals("Stopped")) {
            return true;
        }
        if (!SystemObjects.statusName(now.status()).equals("StopPending")) {
            Integer rc = c.session.host.controlService(name, false);
            if (rc != null) {
                c.error(c.err("Service '" + label(s) + "' cannot be stopped due to the following error: Cannot stop " + name
                        + " service on computer '.'.", "CloseError: (System.ServiceProcess.ServiceController:ServiceController) ["
                        + c.def.name() + "], ServiceCommandException", "CouldNotStopService"));
                return false;
            }
        }
        waitFor(c, s, name, "Stopped", "stopping");
        return true;
    }

    /** Polls every 250 ms and warns once a second while the service is pending, with no time limit (as 2.0). */
    private static void waitFor(CmdletCall c, PsObject s, String name, String want, String verb) {
        long lastWarning = c.session.host.now().toEpochMilli();
        while (true) {
            PsHost.ServiceRow r = SystemObjects.row(c.session, name);
            if (r == null || SystemObjects.statusName(r.status()).equals(want)) {
                return;
            }
            String st = SystemObjects.statusName(r.status());
            if (!st.endsWith("Pending")) {
                return;
            }
            long now = c.session.host.now().toEpochMilli();
            if (now - lastWarning >= 1000) {
                c.session.out.accept("WARNING: Waiting for service '" + label(s) + "' to finish " + verb + "...\r\n");
                lastWarning = now;
            }
            c.ev.checkStopped();
            SystemObjects.sleep(c.session, 250);
        }
    }

    private static void set(CmdletCall c) {
        String name = c.has("Name") ? c.str("Name") : c.input != null && !c.input.isEmpty() && c.input.get(0) instanceof PsObject p
                ? PsConvert.str(p.get("Name")) : null;
        if (name == null || SystemObjects.row(c.session, name) == null) {
            c.error(c.err("Service " + name + " was not found on computer '.'.", "ObjectNotFound: (.:String) [Set-Service],"
                    + " InvalidOperationException", "System.InvalidOperationException"));
            return;
        }
        String start = c.str("StartupType");
        if (start != null) {
            start = EnumTypesStartup.canonical(c, start);
        }
        Integer rc = c.session.host.configureService(name, start, c.str("DisplayName"));
        if (rc != null) {
            c.error(c.err("Service '" + name + "' cannot be configured due to the following error: Access is denied",
                    "PermissionDenied: (System.ServiceProcess.ServiceController:ServiceController) [Set-Service], ServiceCommandException",
                    "CouldNotSetService"));
            return;
        }
        if (c.has("Status")) {
            String st = c.str("Status");
            boolean want = st.equalsIgnoreCase("Running");
            c.session.host.controlService(name, want);
        }
        if (c.sw("PassThru")) {
            c.out(SystemObjects.service(c.session, SystemObjects.row(c.session, name)));
        }
    }

    private static void create(CmdletCall c) {
        String name = c.str("Name");
        String start = c.has("StartupType") ? EnumTypesStartup.canonical(c, c.str("StartupType")) : "Automatic";
        Integer rc = c.session.host.createService(name, c.has("DisplayName") ? c.str("DisplayName") : name, c.str("BinaryPathName"), start);
        if (rc != null) {
            String why = rc == 1073 ? "The specified service already exists" : "Access is denied";
            c.error(c.err("Service '" + name + " (" + name + ")' cannot be created due to the following error: " + why,
                    "PermissionDenied: (" + name + ":String) [New-Service], ServiceCommandException", "CouldNotNewService"));
            return;
        }
        c.out(SystemObjects.service(c.session, SystemObjects.row(c.session, name)));
    }

    /** ServiceStartMode values of 2.0: Automatic, Manual, Disabled (no "AutomaticDelayedStart"). */
    static final class EnumTypesStartup {
        private EnumTypesStartup() {
        }

        static String canonical(CmdletCall c, String v) {
            for (String s : List.of("Automatic", "Manual", "Disabled")) {
                if (s.equalsIgnoreCase(v)) {
                    return s;
                }
            }
            throw c.err("Cannot bind parameter 'StartupType'. Cannot convert value \"" + v + "\" to type"
                    + " \"System.ServiceProcess.ServiceStartMode\" due to invalid enumeration values. Specify one of the following"
                    + " enumeration values and try again. The possible enumeration values are \"Automatic, Manual, Disabled\".",
                    "InvalidArgument: (:) [" + c.def.name() + "], ParameterBindingException", "CannotConvertArgumentNoMessage");
        }
    }
}
