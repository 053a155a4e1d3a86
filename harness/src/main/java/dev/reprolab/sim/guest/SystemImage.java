package dev.reprolab.sim.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a freshly installed Server 2008 R2 SP1 base image holds that the harness touches: the system processes after
 * boot, and on disk the Windows directory with the drivers whose versions are checked, the Visual C++ runtime
 * Apache's VC15 build needs, and the Sysinternals tools the image recipe puts in {@code C:\tools}
 * (vm-images/README.md).
 */
public final class SystemImage {

    private SystemImage() {
    }

    /** The processes of a booted 2008 R2 server, with the pids Windows typically gives them (multiples of 4). */
    static void startSystemProcesses(GuestState s) {
        s.processes.add(new GuestState.Proc(0, 0, "System Idle Process", "Services", 0, 24, ""));
        s.processes.add(new GuestState.Proc(4, 0, "System", "Services", 0, 620, ""));
        s.processes.add(new GuestState.Proc(252, 4, "smss.exe", "Services", 0, 1068, "\\SystemRoot\\System32\\smss.exe"));
        s.processes.add(new GuestState.Proc(340, 328, "csrss.exe", "Services", 0, 3840, "%SystemRoot%\\system32\\csrss.exe"));
        s.processes.add(new GuestState.Proc(392, 328, "wininit.exe", "Services", 0, 4188, "wininit.exe"));
        s.processes.add(new GuestState.Proc(400, 384, "csrss.exe", "Console", 1, 9424, "%SystemRoot%\\system32\\csrss.exe"));
        s.processes.add(new GuestState.Proc(448, 384, "winlogon.exe", "Console", 1, 5536, "winlogon.exe"));
        s.processes.add(new GuestState.Proc(492, 392, "services.exe", "Services", 0, 8744, "C:\\Windows\\system32\\services.exe"));
        s.processes.add(new GuestState.Proc(508, 392, "lsass.exe", "Services", 0, 11476, "C:\\Windows\\system32\\lsass.exe"));
        s.processes.add(new GuestState.Proc(516, 392, "lsm.exe", "Services", 0, 4356, "C:\\Windows\\system32\\lsm.exe"));
        s.processes.add(new GuestState.Proc(612, 492, "svchost.exe", "Services", 0, 7880, "C:\\Windows\\system32\\svchost.exe -k DcomLaunch"));
        s.processes.add(new GuestState.Proc(688, 492, "svchost.exe", "Services", 0, 7412, "C:\\Windows\\system32\\svchost.exe -k RPCSS"));
        s.processes.add(new GuestState.Proc(772, 492, "svchost.exe", "Services", 0, 15276, "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted"));
        s.processes.add(new GuestState.Proc(820, 492, "svchost.exe", "Services", 0, 31768, "C:\\Windows\\system32\\svchost.exe -k netsvcs"));
        s.processes.add(new GuestState.Proc(904, 492, "svchost.exe", "Services", 0, 12004, "C:\\Windows\\system32\\svchost.exe -k NetworkService"));
        s.processes.add(new GuestState.Proc(1064, 492, "spoolsv.exe", "Services", 0, 10516, "C:\\Windows\\System32\\spoolsv.exe"));
        s.processes.add(new GuestState.Proc(1100, 492, "svchost.exe", "Services", 0, 9512, "C:\\Windows\\system32\\svchost.exe -k LocalServiceNoNetwork"));
        s.processes.add(new GuestState.Proc(1288, 492, "vmicsvc.exe", "Services", 0, 3908, "C:\\Windows\\system32\\vmicsvc.exe -feature Heartbeat"));
        s.processes.add(new GuestState.Proc(1548, 492, "WmiPrvSE.exe", "Services", 0, 6412, "C:\\Windows\\system32\\wbem\\wmiprvse.exe"));
        s.processes.add(new GuestState.Proc(1840, 492, "svchost.exe", "Services", 0, 4116, "C:\\Windows\\System32\\svchost.exe -k WinRM"));
    }

    /** Writes the base image's files under a guest disk directory (C:\). */
    public static void populate(Path disk) {
        try {
            for (String dir : new String[] {"Windows/System32/drivers", "Windows/Temp", "Users/Administrator", "tools",
                "Program Files", "lab"}) {
                Files.createDirectories(disk.resolve(dir));
            }
            stub(disk.resolve("Windows/System32/drivers/tcpip.sys"), "tcpip.sys");
            stub(disk.resolve("Windows/System32/drivers/afd.sys"), "afd.sys");
            stub(disk.resolve("Windows/System32/vcruntime140.dll"), "Microsoft Visual C++ 2015-2022 runtime");
            stub(disk.resolve("Windows/System32/msvcp140.dll"), "Microsoft Visual C++ 2015-2022 runtime");
            stub(disk.resolve("tools/procdump.exe"), "Sysinternals ProcDump v9.0");
            stub(disk.resolve("tools/procdump64.exe"), "Sysinternals ProcDump v9.0");
            stub(disk.resolve("tools/notmyfaultc64.exe"), "Sysinternals NotMyFault");
            Debuggers.populate(disk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stub(Path p, String what) throws IOException {
        if (!Files.exists(p)) {
            Files.writeString(p, "MZ simulated lab stand-in for " + what + "\r\n", StandardCharsets.US_ASCII);
        }
    }
}
