package dev.reprolab.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What evidence needs on the guest: the Sysinternals tools where the harness calls them, a ProcDump that runs on
 * 2008 R2, CrashControl and a page file that let the kernel write MEMORY.DMP, and room on C: for it.
 */
final class DumpChecks {

    private DumpChecks() {
    }

    static final String CRASH_CONTROL = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\CrashControl";

    static List<GuestCheck> all() {
        return List.of(new Tools(), new ProcDumpRelease(), new Debuggers(), new CrashControl(), new PageFile(), new FreeDisk());
    }

    static long ramMb(GuestProbe g) {
        return g.wmicNumber("computersystem get TotalPhysicalMemory /value", "TotalPhysicalMemory").map(b -> (b + (1 << 20) - 1) >> 20).orElse(-1L);
    }

    /** procdump.exe (user dumps of a hung httpd.exe) and notmyfaultc64.exe (the kernel dump) in the tools directory. */
    static final class Tools implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            List<Finding> out = new ArrayList<>();
            List<String[]> needed = new ArrayList<>();
            if (o.procdump()) {
                needed.add(new String[] {"procdump.exe", "ProcDump v10.0 (the last release for Server 2008 / 2008 R2)"});
            }
            if (o.kernelDump()) {
                needed.add(new String[] {"notmyfaultc64.exe", "NotMyFault (notmyfaultc64.exe from the NotMyFault zip)"});
            }
            for (String[] tool : needed) {
                String path = o.toolsDir() + "\\" + tool[0];
                if (g.fileVersion(path).isEmpty()) {
                    out.add(Finding.fail(g.name(), tool[0] + " is not in " + o.toolsDir(), "download " + tool[1]
                            + " from Sysinternals and run vm-images/scripts/04-tools.ps1 -Downloads DIR (or copy it to " + path + ")"));
                } else {
                    out.add(Finding.ok(g.name(), path + " present"));
                }
            }
            return out;
        }
    }

    /**
     * With triage on: kd.exe and cdb.exe in one of the scenario's debugger folders, and LiveKd where it says (without
     * them every hang records "triage unavailable").
     */
    static final class Debuggers implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (o.triage() == null || !o.triage().enabled()) {
                return List.of();
            }
            List<Finding> out = new ArrayList<>();
            Optional<String> dir = o.triage().debuggerDirs().stream()
                    .filter(d -> exists(g, d + "\\kd.exe") && exists(g, d + "\\cdb.exe")).findFirst();
            out.add(dir.map(d -> Finding.ok(g.name(), "kd.exe and cdb.exe in " + d)).orElseGet(() -> Finding.fail(g.name(),
                    "the Debugging Tools for Windows (kd.exe, cdb.exe) are in none of " + o.triage().debuggerDirs(),
                    "install the x64 Debugging Tools (dbg_amd64.msi or the Windows SDK's) and run vm-images/scripts/04-tools.ps1,"
                            + " or name their folder in the scenario's triage: debuggers:")));
            String liveKd = o.triage().liveKd();
            out.add(exists(g, liveKd) ? Finding.ok(g.name(), liveKd + " present") : Finding.fail(g.name(), "LiveKd is not at " + liveKd,
                    "download LiveKd from Sysinternals to " + liveKd + " (or set the scenario's triage: liveKd:)"));
            return out;
        }

        private static boolean exists(GuestProbe g, String path) {
            return g.run("dir /b \"" + path + "\"").exitCode() == 0;
        }
    }

    /** Microsoft's ProcDump page: "Windows Server 2008 and higher" up to v10.0; later releases need 2012 or 2016. */
    static final class ProcDumpRelease implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (!o.procdump()) {
                return List.of();
            }
            Optional<String> v = g.fileVersion(o.toolsDir() + "\\procdump.exe");
            if (v.isEmpty()) {
                return List.of();
            }
            String[] p = v.get().split("\\.");
            int major;
            int minor;
            try {
                major = Integer.parseInt(p[0]);
                minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            } catch (NumberFormatException e) {
                return List.of(Finding.warn(g.name(), "cannot tell ProcDump's release from its version '" + v.get() + "'",
                        "use ProcDump v10.0 (later releases need Server 2012 or 2016)"));
            }
            if (major > 10 || (major == 10 && minor > 0)) {
                return List.of(Finding.fail(g.name(), "procdump.exe is v" + major + "." + minor + ", which needs Server "
                        + (major >= 11 && minor >= 1 || major > 11 ? "2016" : "2012") + " or later",
                        "replace it with ProcDump v10.0 (vm-images/scripts/04-tools.ps1)"));
            }
            return List.of(Finding.ok(g.name(), "ProcDump v" + major + "." + minor + " runs on 2008 R2"));
        }
    }

    /** CrashDumpEnabled 1 (complete) or 2 (kernel) and AutoReboot 1, or a NotMyFault crash leaves no dump or no guest. */
    static final class CrashControl implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (!o.kernelDump()) {
                return List.of();
            }
            String fix = "reg add " + CRASH_CONTROL + " /v CrashDumpEnabled /t REG_DWORD /d 1 /f (vm-images/scripts/03-crash-dump.ps1)";
            Optional<Long> kind = g.regDword(CRASH_CONTROL, "CrashDumpEnabled");
            List<Finding> out = new ArrayList<>();
            if (kind.isEmpty() || kind.get() == 0 || kind.get() == 3) {
                out.add(Finding.fail(g.name(), "CrashControl\\CrashDumpEnabled is " + kind.map(k -> k == 0 ? "0 (none)" : "3 (small memory dump)")
                        .orElse("not set") + "; the kernel dump of a hang would not be written", fix));
            } else if (kind.get() == 2) {
                out.add(Finding.warn(g.name(), "CrashControl\\CrashDumpEnabled is 2 (kernel memory dump): kernel stacks are in it, "
                        + "httpd.exe's user-mode memory is not", fix));
            } else if (kind.get() == 1) {
                out.add(Finding.ok(g.name(), "CrashControl: complete memory dump"));
            } else {
                out.add(Finding.fail(g.name(), "CrashControl\\CrashDumpEnabled is " + kind.get() + ", which 2008 R2 does not know", fix));
            }
            Optional<Long> reboot = g.regDword(CRASH_CONTROL, "AutoReboot");
            if (reboot.isPresent() && reboot.get() == 0) {
                out.add(Finding.fail(g.name(), "CrashControl\\AutoReboot is 0: after the crash the guest stays at the blue screen",
                        "reg add " + CRASH_CONTROL + " /v AutoReboot /t REG_DWORD /d 1 /f"));
            }
            return out;
        }
    }

    /** The kernel writes the dump into the boot volume's page file first: a complete dump needs RAM + 1 MB of it. */
    static final class PageFile implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            if (!o.kernelDump()) {
                return List.of();
            }
            long ram = ramMb(g);
            Optional<Long> page = g.wmicNumber("pagefile get AllocatedBaseSize,Name /value", "AllocatedBaseSize");
            if (ram < 0 || page.isEmpty()) {
                return List.of(Finding.fail(g.name(), "no page file on C: (or wmic pagefile cannot say)", PageFile.fix(Math.max(ram, 2048))));
            }
            long kind = g.regDword(CRASH_CONTROL, "CrashDumpEnabled").orElse(1L);
            long needed = kind == 2 ? ram / 3 : ram + 1;
            if (page.get() < needed) {
                return List.of(Finding.fail(g.name(), "the page file is " + page.get() + " MB; a " + (kind == 2 ? "kernel" : "complete")
                        + " memory dump of " + ram + " MB RAM needs at least " + needed + " MB", fix(ram)));
            }
            return List.of(Finding.ok(g.name(), "page file " + page.get() + " MB for " + ram + " MB RAM"));
        }

        static String fix(long ramMb) {
            long size = ramMb + 1024;
            return "wmic computersystem where name=\"%COMPUTERNAME%\" set AutomaticManagedPagefile=False & "
                    + "wmic pagefileset where name=\"C:\\\\pagefile.sys\" set InitialSize=" + size + ",MaximumSize=" + size
                    + ", then reboot and retake the checkpoint (vm-images/scripts/03-crash-dump.ps1)";
        }
    }

    /** MEMORY.DMP (RAM-sized) plus user dumps of httpd.exe land on C:. */
    static final class FreeDisk implements GuestCheck {
        @Override
        public List<Finding> check(GuestProbe g, DoctorOptions o) {
            Optional<Long> free = g.wmicNumber("logicaldisk where \"DeviceID='C:'\" get FreeSpace,Size /value", "FreeSpace");
            long ram = Math.max(0, ramMb(g));
            long neededMb = (o.kernelDump() ? ram : 0) + 2048;
            if (free.isEmpty()) {
                return List.of(Finding.fail(g.name(), "cannot read the free space on C:", "lab exec " + g.name()
                        + " -- wmic logicaldisk where \"DeviceID='C:'\" get FreeSpace /value"));
            }
            long freeMb = free.get() >> 20;
            if (freeMb < neededMb) {
                return List.of(Finding.fail(g.name(), "C: has " + freeMb + " MB free; the dumps need " + neededMb + " MB",
                        "free space on C: (cleanmgr, delete C:\\Windows\\MEMORY.DMP and old dumps) or grow the VM's disk, then retake the checkpoint"));
            }
            return List.of(Finding.ok(g.name(), "C: has " + freeMb + " MB free"));
        }
    }
}
