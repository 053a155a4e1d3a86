package dev.reprolab.sim.guest;

import static dev.reprolab.sim.guest.SimGuestTest.run;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.sim.SimVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.Test;

/** reg, winrm, netsh advfirewall and wmic over the guest's machine configuration, with Windows' texts. */
public class MachineSettingsProgramsTest {

    static SimGuest guest(MachineSettings settings) throws Exception {
        Path disk = Files.createTempDirectory("settings").resolve("disk");
        SystemImage.populate(disk);
        SimGuest g = SimGuest.builder("lab-01", disk).bootDelay(Duration.ofMillis(50)).settings(settings).build();
        g.powerOn();
        await().atMost(Duration.ofSeconds(10)).until(() -> g.powerState() == SimVm.PowerState.RUNNING);
        return g;
    }

    @Test
    public void regQueriesAddsAndDeletes() throws Exception {
        SimGuest g = guest(MachineSettings.provisioned(false, "WIN-LAB01"));
        SimGuestTest.Out q = run(g, "reg query HKLM\\SYSTEM\\CurrentControlSet\\Control\\CrashControl /v CrashDumpEnabled");
        assertEquals(q.exit(), 0);
        assertEquals(q.stdout(), "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl\r\n"
                + "    CrashDumpEnabled    REG_DWORD    0x1\r\n\r\n");
        assertEquals(run(g, "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\CrashControl /v CrashDumpEnabled /t REG_DWORD /d 2 /f").exit(), 0);
        assertTrue(run(g, "reg query HKLM\\SYSTEM\\CurrentControlSet\\Control\\CrashControl").stdout().contains("CrashDumpEnabled    REG_DWORD    0x2"));
        assertEquals(run(g, "reg delete \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\" /v LocalAccountTokenFilterPolicy /f").exit(), 0);
        SimGuestTest.Out gone = run(g, "reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\" /v LocalAccountTokenFilterPolicy");
        assertEquals(gone.exit(), 1);
        assertEquals(gone.stderr(), "ERROR: The system was unable to find the specified registry key or value.\r\n");
        assertEquals(run(g, "reg query HKLM\\SOFTWARE\\Nope").exit(), 1);
    }

    @Test
    public void wmicWmiAndSysteminfoReportTheOneMemoryTheVmHas() throws Exception {
        for (long ramMb : new long[] {2048, 3072}) {
            MachineSettings m = MachineSettings.provisioned(false, "WIN-LAB01");
            m.ramMb = ramMb;
            SimGuest g = guest(m);
            long expected = (ramMb << 20) - 466_944;
            assertEquals(run(g, "wmic computersystem get TotalPhysicalMemory /value").stdout().strip(), "TotalPhysicalMemory=" + expected);
            String ps = run(g, "powershell -NoProfile -Command \"(Get-WmiObject Win32_ComputerSystem).TotalPhysicalMemory;"
                    + " (Get-WmiObject Win32_OperatingSystem).TotalVisibleMemorySize\"").stdout();
            assertEquals(ps, expected + "\r\n" + expected / 1024 + "\r\n", ramMb + " MB");
            String si = run(g, "systeminfo").stdout();
            assertTrue(si.contains(String.format(java.util.Locale.US, "Total Physical Memory:     %,d MB", expected >> 20)), si);
        }
    }

    @Test
    public void pendingFileRenamesMakeARebootPendingUntilTheNextBoot() throws Exception {
        SimGuest g = guest(MachineSettings.provisioned(false, "WIN-LAB01"));
        assertFalse(g.rebootPending());
        GuestDefect.PENDING_REBOOT.apply(g);
        assertTrue(g.rebootPending());
        g.restart("test");
        await().atMost(Duration.ofSeconds(10)).until(() -> g.powerState() == SimVm.PowerState.RUNNING && !g.rebootPending());
    }

    @Test
    public void winrmGetsAndSetsTheConfigurationAndTheEndpointQuotaFollows() throws Exception {
        SimGuest g = guest(MachineSettings.provisioned(false, "WIN-LAB01"));
        GuestDefect.DEFAULT_SHELL_QUOTA.apply(g);
        SimGuestTest.Out get = run(g, "winrm get winrm/config/winrs");
        assertEquals(get.exit(), 0);
        assertTrue(get.stdout().startsWith("Winrs\r\n    AllowRemoteShellAccess = true\r\n"), get.stdout());
        assertTrue(get.stdout().contains("    MaxShellsPerUser = 5\r\n"), get.stdout());
        assertEquals(run(g, "winrm set winrm/config/winrs @{MaxShellsPerUser=\"10\";MaxMemoryPerShellMB=\"1024\"}").exit(), 0);
        assertEquals((int) g.settings(m -> m.winrm.getInt("config/winrs/MaxShellsPerUser", 0)), 10);
        SimGuestTest.Out bad = run(g, "winrm set winrm/config/winrs @{MaxShells=\"10\"}");
        assertEquals(bad.exit(), 1);
        assertTrue(bad.stderr().startsWith("WSManFault"), bad.stderr());
        assertTrue(run(g, "winrm enumerate winrm/config/listener").stdout().contains("Transport = HTTP\r\n    Port = 5985"));
        assertTrue(run(g, "winrm get winrm/config").stdout().contains("    MaxTimeoutms = 60000\r\n"));
    }

    @Test
    public void firewallRulesDecideWhatGetsIn() throws Exception {
        SimGuest g = guest(MachineSettings.provisioned(false, "WIN-LAB01"));
        GuestDefect.FIREWALL_CLOSED.apply(g);
        assertFalse(g.settings(m -> m.firewall.allowsInbound(80)));
        SimGuestTest.Out none = run(g, "netsh advfirewall firewall show rule name=\"Apache HTTP (80)\"");
        assertEquals(none.exit(), 1);
        assertEquals(none.stdout(), "No rules match the specified criteria.\r\n\r\n");
        assertEquals(run(g, "netsh advfirewall firewall add rule name=\"Apache HTTP (80)\" dir=in action=allow protocol=TCP localport=80").exit(), 0);
        assertTrue(g.settings(m -> m.firewall.allowsInbound(80)));
        assertTrue(run(g, "netsh advfirewall firewall show rule name=all dir=in").stdout().contains("LocalPort:                            80\r\n"));
        assertTrue(run(g, "netsh int tcp show global").stdout().contains("TCP Global Parameters"), "other netsh contexts still answer");
    }

    @Test
    public void wmicReportsPageFileMemoryDiskClockAndToolVersions() throws Exception {
        SimGuest g = guest(MachineSettings.provisioned(false, "WIN-LAB01"));
        assertTrue(run(g, "wmic pagefile get AllocatedBaseSize,Name /value").stdout().contains("AllocatedBaseSize=3072\r\r\n"));
        assertTrue(run(g, "wmic computersystem get TotalPhysicalMemory /value").stdout().contains("TotalPhysicalMemory=2147016704"));
        assertTrue(run(g, "wmic os get LocalDateTime /value").stdout().matches("(?s).*LocalDateTime=\\d{14}\\.\\d{6}\\+000.*"));
        assertTrue(run(g, "wmic datafile where name='C:\\\\tools\\\\procdump.exe' get Version /value").stdout().contains("Version=9.0.0.0"));
        assertTrue(run(g, "wmic datafile where name='C:\\\\tools\\\\nope.exe' get Version /value").stderr().contains("No Instance(s) Available."));
        run(g, "wmic computersystem where name=\"%COMPUTERNAME%\" set AutomaticManagedPagefile=False");
        assertEquals(run(g, "wmic pagefileset where name=\"C:\\\\pagefile.sys\" set InitialSize=4096,MaximumSize=4096").exit(), 0);
        assertTrue(g.settings(MachineSettings::pageFileChangePending));
        g.restart("page file");
        await().atMost(Duration.ofSeconds(10)).until(() -> g.powerState() == SimVm.PowerState.RUNNING
                && g.settings(m -> m.pageFileAllocatedMb) == 4096);
    }
}
