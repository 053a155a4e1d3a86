package dev.reprolab.doctor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.CatalogPatchEffects;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.remote.Credentials;
import dev.reprolab.remote.Secret;
import dev.reprolab.sim.SimLab;
import dev.reprolab.sim.guest.GuestDefect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Every doctor check both ways on one simulated lab: lab-01 is as the image recipe makes it (every check ok), each
 * further guest has one defect and must get that defect's line — with its fix — and no other FAIL.
 */
public class DoctorTest {

    /** Each defect and the line doctor must print for it. */
    static final Map<GuestDefect, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(GuestDefect.MISSING_TOOLS, "FAIL %s: notmyfaultc64.exe is not in C:\\tools — fix: download NotMyFault");
        EXPECTED.put(GuestDefect.MISSING_PROCDUMP, "FAIL %s: procdump.exe is not in C:\\tools — fix: download ProcDump v10.0");
        EXPECTED.put(GuestDefect.PROCDUMP_TOO_NEW, "FAIL %s: procdump.exe is v11.0, which needs Server 2012 or later — fix: replace it with ProcDump v10.0");
        EXPECTED.put(GuestDefect.NO_VCRUNTIME, "FAIL %s: the Visual C++ 2015-2022 x64 runtime (vcruntime140.dll) that Apache needs is not installed — fix: download vc_redist.x64.exe");
        EXPECTED.put(GuestDefect.SMALL_PAGE_FILE, "FAIL %s: the page file is 512 MB; a complete memory dump of 2048 MB RAM needs at least 2049 MB — fix: wmic computersystem");
        EXPECTED.put(GuestDefect.SYSTEM_MANAGED_PAGE_FILE, "FAIL %s: the page file is 2048 MB; a complete memory dump of 2048 MB RAM needs at least 2049 MB");
        EXPECTED.put(GuestDefect.CRASH_DUMP_OFF, "FAIL %s: CrashControl\\CrashDumpEnabled is 0 (none); the kernel dump of a hang would not be written — fix: reg add");
        EXPECTED.put(GuestDefect.KERNEL_DUMP_ONLY, "warn %s: CrashControl\\CrashDumpEnabled is 2 (kernel memory dump)");
        EXPECTED.put(GuestDefect.LOW_SHELL_QUOTA, "FAIL %s: WinRM MaxShellsPerUser is 2; a trial holds 3 shells at once (netstat poller, stop cycle, evidence) — fix: winrm set winrm/config/winrs @{MaxShellsPerUser=\"10\"}");
        EXPECTED.put(GuestDefect.DEFAULT_SHELL_QUOTA, "warn %s: WinRM MaxShellsPerUser is 5");
        EXPECTED.put(GuestDefect.LOW_SHELL_MEMORY, "FAIL %s: WinRM MaxMemoryPerShellMB is 150; dism /add-package of a rollup and procdump run inside that limit and fail at it — fix: winrm set winrm/config/winrs @{MaxMemoryPerShellMB=\"1024\"}");
        EXPECTED.put(GuestDefect.LOW_OPERATION_QUOTA, "FAIL %s: WinRM MaxConcurrentOperationsPerUser is 2");
        EXPECTED.put(GuestDefect.SHORT_MAX_TIMEOUT, "FAIL %s: WinRM MaxTimeoutms is 30000");
        EXPECTED.put(GuestDefect.REGRESSED_BASE_IMAGE, "FAIL %s: the base image already regresses: KB4338818 installed (tcpip.sys 6.1.7601.24168) — fix: rebuild 'clean' from an earlier level");
        EXPECTED.put(GuestDefect.PENDING_REBOOT, "FAIL %s: a reboot is pending (Session Manager\\PendingFileRenameOperations) — fix: shutdown /r /t 0, then retake the 'clean' checkpoint");
        EXPECTED.put(GuestDefect.AUTO_UPDATE_ON, "FAIL %s: Windows Update installs updates by itself (AUOptions 4) — fix: reg add \"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\" /v NoAutoUpdate /t REG_DWORD /d 1 /f");
        EXPECTED.put(GuestDefect.CLOCK_SKEW, "FAIL %s: the guest clock is +");
        EXPECTED.put(GuestDefect.DISK_FULL, "FAIL %s: C: has 200 MB free; the dumps need 4096 MB");
        EXPECTED.put(GuestDefect.PORT_80_TAKEN, "FAIL %s: port 80 is already taken (PID 4, HTTP.sys");
    }

    private SimBackend sim;
    private final List<String> vmOf = new ArrayList<>();
    private List<String> lines;
    private int exit;

    static Path catalogFile() {
        Path p = Paths.get("..", "vm-images", "catalog.yaml");
        return Files.exists(p) ? p : Paths.get("vm-images", "catalog.yaml");
    }

    @BeforeClass
    public void start() throws Exception {
        Map<String, Set<GuestDefect>> defects = new LinkedHashMap<>();
        vmOf.add("lab-01");
        int i = 2;
        for (GuestDefect d : EXPECTED.keySet()) {
            String vm = String.format("lab-%02d", i++);
            defects.put(vm, Set.of(d));
            vmOf.add(vm);
        }
        Catalog catalog = Catalog.load(catalogFile());
        Secret pw = Secret.of("Sim-" + java.util.UUID.randomUUID());
        SimLab lab = SimLab.start(new SimLab.Config(vmOf.size(), Files.createTempDirectory("doctor"), "Administrator", pw.reveal(), false,
                Duration.ofMillis(200), new CatalogPatchEffects(catalog), List.of(), Duration.ofSeconds(5)).withDefects(defects));
        sim = new SimBackend(lab, new Credentials("Administrator", pw));
        // Standard checkpoints keep each defect through doctor's restore: a Production checkpoint's cold boot would
        // carry out the pending reboot (as it does on a real host)
        sim.useStandardCheckpoints();
        lines = new ArrayList<>();
        long t0 = System.nanoTime();
        exit = new Doctor(sim, DoctorOptions.defaults(catalog, true), lines::add).run();
        System.out.printf("doctor over %d guests: %.1f s%n", vmOf.size(), (System.nanoTime() - t0) / 1e9);
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private List<String> of(String vm) {
        return lines.stream().filter(l -> l.matches("^(ok|warn|FAIL)\\s+" + vm + ":.*")).toList();
    }

    @Test
    public void theRecipesGuestPassesEveryCheck() {
        List<String> clean = of("lab-01");
        assertTrue(clean.size() >= 20, String.join("\n", lines));
        assertTrue(clean.stream().allMatch(l -> l.startsWith("ok ")), String.join("\n", clean));
        assertTrue(lines.stream().filter(l -> l.contains("host ")).allMatch(l -> l.startsWith("ok ")), String.join("\n", lines));
    }

    @Test
    public void eachDefectIsNamedWithItsFixAndNothingElseFails() {
        int i = 1;
        for (Map.Entry<GuestDefect, String> e : EXPECTED.entrySet()) {
            String vm = vmOf.get(i++);
            String want = String.format(e.getValue(), vm);
            List<String> mine = of(vm);
            assertTrue(mine.stream().anyMatch(l -> l.startsWith(want)), e.getKey() + ": expected a line starting with\n" + want + "\ngot\n"
                    + String.join("\n", mine));
            List<String> others = mine.stream().filter(l -> !l.startsWith("ok ") && !l.startsWith(want)).toList();
            // a missing procdump also leaves no release to check; the page file reading depends on the dump kind
            assertTrue(others.stream().allMatch(l -> e.getKey() == GuestDefect.MISSING_TOOLS && l.contains("procdump.exe is not in")),
                    e.getKey() + " made other checks complain:\n" + String.join("\n", others));
        }
        assertEquals(exit, 1, "a FAIL blocks a run");
        assertTrue(lines.get(lines.size() - 1).endsWith("fix the FAIL lines before a run"), lines.get(lines.size() - 1));
    }
}
