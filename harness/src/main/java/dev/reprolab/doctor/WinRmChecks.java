package dev.reprolab.doctor;

import java.util.List;
import java.util.Map;

/** The guest's WinRM quotas and timeouts against what a trial uses at once (vm-images/scripts/01-winrm.ps1 sets them). */
final class WinRmChecks {

    private WinRmChecks() {
    }

    static List<GuestCheck> all() {
        return List.of(new Shells(), new Operations(), new ShellMemory(), new MaxTimeout());
    }

    static String set(String section, String name, int value) {
        return "winrm set winrm/config/" + section + " @{" + name + "=\"" + value + "\"}";
    }

    private static Integer number(Map<String, String> c, String path) {
        try {
            return Integer.valueOf(c.getOrDefault(path.toLowerCase(java.util.Locale.ROOT), ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<Finding> unreadable(GuestProbe g, String what) {
        return List.of(Finding.fail(g.name(), "cannot read " + what + " from 'winrm get winrm/config'",
                "run 'winrm get winrm/config' on the guest (lab exec " + g.name() + " -- winrm get winrm/config) and see why it fails"));
    }

    /** MaxShellsPerUser: the netstat poller, the stop cycle and an evidence command hold a shell each. */
    static final class Shells implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Integer n = number(g.winrmConfig(), "Winrs/MaxShellsPerUser");
            if (n == null) {
                return unreadable(g, "MaxShellsPerUser");
            }
            String fix = set("winrs", "MaxShellsPerUser", 10);
            if (n < 3) {
                return List.of(Finding.fail(g.name(), "WinRM MaxShellsPerUser is " + n + "; a trial holds 3 shells at once "
                        + "(netstat poller, stop cycle, evidence)", fix));
            }
            if (n < 10) {
                return List.of(Finding.warn(g.name(), "WinRM MaxShellsPerUser is " + n + "; shells a dropped connection leaves "
                        + "count against it until IdleTimeout (180 s)", fix));
            }
            return List.of(Finding.ok(g.name(), "WinRM MaxShellsPerUser " + n));
        }
    }

    /** MaxConcurrentOperationsPerUser: every running command keeps a Receive open. */
    static final class Operations implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Integer n = number(g.winrmConfig(), "Service/MaxConcurrentOperationsPerUser");
            if (n == null) {
                return unreadable(g, "MaxConcurrentOperationsPerUser");
            }
            if (n < 6) {
                return List.of(Finding.fail(g.name(), "WinRM MaxConcurrentOperationsPerUser is " + n
                        + "; a trial's three commands each keep an operation open, plus shell creation", set("service", "MaxConcurrentOperationsPerUser", 100)));
            }
            return List.of(Finding.ok(g.name(), "WinRM MaxConcurrentOperationsPerUser " + n));
        }
    }

    /** MaxMemoryPerShellMB: DISM with a monthly rollup and ProcDump run inside the shell's job object. */
    static final class ShellMemory implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Integer n = number(g.winrmConfig(), "Winrs/MaxMemoryPerShellMB");
            if (n == null) {
                return unreadable(g, "MaxMemoryPerShellMB");
            }
            if (n < 512) {
                return List.of(Finding.fail(g.name(), "WinRM MaxMemoryPerShellMB is " + n
                        + "; dism /add-package of a rollup and procdump run inside that limit and fail at it", set("winrs", "MaxMemoryPerShellMB", 1024)));
            }
            return List.of(Finding.ok(g.name(), "WinRM MaxMemoryPerShellMB " + n));
        }
    }

    /** MaxTimeoutms: the harness asks for a 60 s OperationTimeout on every Receive. */
    static final class MaxTimeout implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Integer n = number(g.winrmConfig(), "MaxTimeoutms");
            if (n == null) {
                return unreadable(g, "MaxTimeoutms");
            }
            if (n < 60000) {
                return List.of(Finding.fail(g.name(), "WinRM MaxTimeoutms is " + n + "; the harness's Receives wait up to 60000 ms "
                        + "and the service rejects longer ones", "winrm set winrm/config @{MaxTimeoutms=\"60000\"}"));
            }
            return List.of(Finding.ok(g.name(), "WinRM MaxTimeoutms " + n));
        }
    }
}
