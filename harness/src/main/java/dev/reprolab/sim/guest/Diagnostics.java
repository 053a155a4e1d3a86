package dev.reprolab.sim.guest;

import dev.reprolab.windows.dump.MinidumpFile;
import dev.reprolab.windows.fltmc.FilterRow;
import dev.reprolab.windows.fltmc.FltmcFormatter;
import dev.reprolab.windows.netsh.NetshFormatter;
import dev.reprolab.windows.netsh.TcpGlobal;
import dev.reprolab.windows.procdump.DumpWrite;
import dev.reprolab.windows.procdump.ProcdumpFormatter;
import dev.reprolab.windows.procdump.ProcdumpRun;
import dev.reprolab.windows.systeminfo.SystemInfoFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * The tools of the case's recovery plan and of dump capture: procdump, NotMyFault (console), wevtutil, fltmc, netsh
 * and systeminfo — output through the {@code dev.reprolab.windows} formatters checked against real captures.
 */
final class Diagnostics {

    /** Simulated user dumps stay small; a real httpd.exe full dump is tens of MB. */
    static final long PROCESS_MEMORY_BYTES = 4L << 20;

    private Diagnostics() {
    }

    static List<GuestProgram> all() {
        return java.util.stream.Stream.concat(Debuggers.all().stream(), base().stream()).toList();
    }

    private static List<GuestProgram> base() {
        return List.of(CorePrograms.program(List.of("procdump", "procdump.exe", "procdump64", "procdump64.exe"), Diagnostics::procdump),
                CorePrograms.program(List.of("notmyfaultc64", "notmyfaultc64.exe", "notmyfaultc", "notmyfaultc.exe"), Diagnostics::notMyFault),
                CorePrograms.program(List.of("wevtutil", "wevtutil.exe"), Diagnostics::wevtutil),
                CorePrograms.program(List.of("fltmc", "fltmc.exe"), c -> {
                    c.out(FltmcFormatter.filters(c.os().filters().stream()
                            .map(f -> new FilterRow(f.name(), f.instances(), f.altitude(), f.frame())).toList()));
                    return 0;
                }),
                CorePrograms.program(List.of("netsh", "netsh.exe"), c -> {
                    String a = String.join(" ", c.args()).toLowerCase(Locale.ROOT);
                    if (a.matches("int(erface)? tcp show global")) {
                        c.out(NetshFormatter.tcpGlobal(new TcpGlobal(new LinkedHashMap<>(c.os().tcpGlobalSettings()))));
                        return 0;
                    }
                    c.out("The following command was not found: " + String.join(" ", c.args()) + ".\r\n");
                    return 1;
                }),
                CorePrograms.program(List.of("systeminfo", "systeminfo.exe"), c -> {
                    SimGuest g = (SimGuest) c.os();
                    DateTimeFormatter f = DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", Locale.US);
                    c.out(SystemInfoFormatter.format(SystemInfoFormatter.windows2008R2Sp1(g.computerName(), "3/14/2018, 10:02:11 AM",
                            f.format(g.bootTime().atZone(ZoneOffset.UTC)), g.hotfixes().stream().map(GuestOs.InstalledUpdate::hotFixId).toList(),
                            g.guestIp(), g.settings(MachineSettings::totalPhysicalMemoryBytes),
                            g.settings(MachineSettings::availablePhysicalMemoryBytes), g.settings(m -> m.pageFileAllocatedMb))));
                    return 0;
                }));
    }

    static int procdump(ProgramCall c) {
        List<String> a = c.args().stream().filter(x -> !x.equalsIgnoreCase("-accepteula") && !x.equalsIgnoreCase("-ma")).toList();
        String version = "9.0";
        if (a.isEmpty()) {
            c.out(ProcdumpFormatter.banner(version) + "Usage: procdump [-ma] [-accepteula] <process name or PID> [dump file]\r\n");
            return -2;
        }
        int pid;
        try {
            pid = Integer.parseInt(a.get(0));
        } catch (NumberFormatException e) {
            pid = c.os().processes().stream().filter(p -> p.imageName().equalsIgnoreCase(a.get(0)))
                    .mapToInt(GuestOs.ProcessInfo::pid).findFirst().orElse(-1);
        }
        int target = pid;
        if (c.os().processes().stream().noneMatch(p -> p.pid() == target)) {
            c.out(ProcdumpFormatter.banner(version) + "No process matching the specified PID can be found.\r\n\r\n");
            return -2;
        }
        String file = a.size() > 1 ? a.get(1) : c.currentDirectory() + "\\httpd.exe_" + pid + ".dmp";
        LocalTime now = LocalTime.ofInstant(c.os().clock().instant(), ZoneOffset.UTC).withNano(0);
        Path out = c.os().file(file);
        try {
            c.os().reserveDisk(PROCESS_MEMORY_BYTES);
        } catch (IOException full) {
            // what ProcDump prints when the dump cannot be written: the Win32 error of the failed write
            c.out(ProcdumpFormatter.banner(version) + "[" + now + "] Dump 1 initiated: " + file + "\r\n"
                    + "[" + now + "] Dump 1 error: Error writing dump file: 0x80070070 (There is not enough space on the disk.)\r\n"
                    + "[" + now + "] Dump count not reached.\r\n\r\n");
            return -2;
        }
        try {
            Files.createDirectories(out.getParent());
            try (OutputStream o = Files.newOutputStream(out)) {
                // a thread of a process stuck in AFD is suspended like any other: the dump still completes
                byte[] memory;
                synchronized (((SimGuest) c.os()).lock()) {
                    memory = DumpSnapshot.user((SimGuest) c.os(), pid).encode();
                }
                MinidumpFile.write(o, MinidumpFile.Spec.of(pid, c.os().clock().instant().getEpochSecond(), PROCESS_MEMORY_BYTES), memory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long mb = Math.max(1, PROCESS_MEMORY_BYTES >> 20);
        c.out(ProcdumpFormatter.format(new ProcdumpRun(version, pid, List.of(new DumpWrite(1, file, now, mb, now, mb, 0.1)), true), now));
        return 1;
    }

    static int notMyFault(ProgramCall c) {
        List<String> a = c.args().stream().filter(x -> !x.equalsIgnoreCase("/accepteula")).toList();
        if (a.size() >= 2 && a.get(0).equalsIgnoreCase("crash")) {
            // crash type 0x01: high-IRQL fault through myfault.sys → DRIVER_IRQL_NOT_LESS_OR_EQUAL (0xD1)
            // the machine bugchecks under the command: it never returns, the WinRM shell and its connection die with it
            // (the crash runs on the guest's timer, not on this command's thread, which the crash itself terminates)
            ((SimGuest) c.os()).timer().execute(() -> c.os().crash(0xD1, 0xfffff8a0_0d0e1000L, 2, 0, 0xfffff880_0c4a1385L));
            try {
                c.sleep(java.time.Duration.ofDays(1));
            } catch (InterruptedException gone) {
                Thread.currentThread().interrupt(); // the crash terminated the shell and this command with it
            }
            return 0;
        }
        c.out("Usage: notmyfaultc [/accepteula] crash <type> | hang <type> | leak <MB/s> <paged|nonpaged>\r\n");
        return 1;
    }

    /** wevtutil qe LOG [/q:"*[System[(EventID=N or EventID=M)]]"] /f:text [/c:N] [/rd:true]. */
    static int wevtutil(ProgramCall c) {
        List<String> a = c.args();
        if (a.size() < 2 || !a.get(0).equalsIgnoreCase("qe")) {
            c.err("The parameter is incorrect.\r\n");
            return 87;
        }
        String log = a.get(1);
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        int count = Integer.MAX_VALUE;
        boolean reverse = false;
        for (String x : a) {
            String l = x.toLowerCase(Locale.ROOT);
            if (l.startsWith("/q:")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("EventID=(\\d+)").matcher(x);
                while (m.find()) {
                    ids.add(Integer.parseInt(m.group(1)));
                }
            } else if (l.startsWith("/c:")) {
                count = Integer.parseInt(l.substring(3));
            } else if (l.equals("/rd:true")) {
                reverse = true;
            }
        }
        List<GuestOs.EventRecord> events = new java.util.ArrayList<>(c.os().events(log).stream()
                .filter(e -> ids.isEmpty() || ids.contains(e.eventId())).toList());
        if (reverse) {
            java.util.Collections.reverse(events);
        }
        DateTimeFormatter ts = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
        int n = 0;
        for (GuestOs.EventRecord e : events) {
            if (n++ >= count) {
                break;
            }
            c.out("Event[" + (n - 1) + "]:\r\n  Log Name: " + e.logName() + "\r\n  Source: " + e.source() + "\r\n  Date: "
                    + ts.format(e.timeCreated().atZone(ZoneOffset.UTC)) + "\r\n  Event ID: " + e.eventId()
                    + "\r\n  Task: N/A\r\n  Level: " + e.level() + "\r\n  Opcode: N/A\r\n  Keyword: Classic\r\n  User: N/A\r\n"
                    + "  User Name: N/A\r\n  Computer: " + c.os().computerName() + "\r\n  Description: \r\n" + e.message() + "\r\n\r\n");
        }
        return 0;
    }
}
