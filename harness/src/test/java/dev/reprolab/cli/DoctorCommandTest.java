package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.lab.sim.SimServe;
import dev.reprolab.sim.SimLab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** {@code lab doctor} as a user runs it: against the default simulated lab, a served one, and a lab it cannot reach. */
public class DoctorCommandTest {

    private SimBackend sim;
    private Path dir;
    private Path labYaml;

    static Path catalog() {
        Path p = Paths.get("..", "vm-images", "catalog.yaml");
        return Files.exists(p) ? p : Paths.get("vm-images", "catalog.yaml");
    }

    @BeforeClass
    public void start() throws Exception {
        sim = SimBackends.start(Catalog.load(catalog()), 2, Files.createTempDirectory("doctor-cli"), false);
        dir = Files.createTempDirectory("doctor-cli-config");
        labYaml = SimServe.writeConfig(sim, dir);
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    record Ran(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Ran doctor(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // tests run in harness/: the default catalog path is the repository's
            String[] all = new String[args.length + 3];
            all[0] = "doctor";
            all[1] = "--catalog";
            all[2] = catalog().toString();
            System.arraycopy(args, 0, all, 3, args.length);
            int exit = Main.execute(all);
            return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    public void theDefaultSimulatedLabPassesEveryCheck() {
        Ran r = doctor();
        assertEquals(r.exit(), 0, r.out() + r.err());
        assertTrue(r.lines().stream().filter(l -> !l.startsWith("     ") && !l.matches("^\\d+ ok, .*")).allMatch(l -> l.startsWith("ok ")), r.out());
        assertTrue(r.out().contains("restored 'clean'"), "doctor says what it changed: " + r.out());
        assertTrue(r.lines().get(r.lines().size() - 1).endsWith("0 FAIL: a run can start"), r.out());
    }

    @Test
    public void aWrongPasswordIsOneClearLine() throws Exception {
        Path wrong = Files.createTempDirectory("doctor-wrong");
        Files.writeString(wrong.resolve("password"), "not-the-password");
        Path yaml = wrong.resolve("lab.yaml");
        Files.writeString(yaml, Files.readString(labYaml));
        Ran r = doctor("--lab", "hyperv", "--lab-config", yaml.toString());
        assertEquals(r.exit(), 1, r.out() + r.err());
        assertEquals(r.lines().size(), 1, r.out());
        assertTrue(r.out().startsWith("FAIL host 127.0.0.1: WinRM refused the credentials (HTTP 401) — fix: check host.username"), r.out());
    }

    @Test
    public void anUnreachableHostIsOneClearLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path yaml = dir.resolve("closed.yaml");
        Files.writeString(yaml, Files.readString(labYaml).replaceFirst("port: \\d+,", "port: " + closed + ","));
        Ran r = doctor("--lab", "hyperv", "--lab-config", yaml.toString());
        assertEquals(r.exit(), 1, r.out() + r.err());
        assertEquals(r.lines().size(), 1, r.out());
        assertTrue(r.out().startsWith("FAIL host 127.0.0.1: no WinRM answer ("), r.out());
        assertTrue(r.out().contains("— fix: check host.address/port"), r.out());
    }

    @Test
    public void hostProblemsAreNamedWithTheirFix() throws Exception {
        Path yaml = dir.resolve("ghost.yaml");
        Files.writeString(yaml, Files.readString(labYaml) + "  - name: ghost\n    address: 127.0.0.1\n    port: 1\n");
        sim.host().checkpointType("lab-02", 3);
        sim.host().checkpointType("lab-01", 5);
        try {
            Ran r = doctor("--lab", "hyperv", "--lab-config", yaml.toString(), "--no-restore");
            assertEquals(r.exit(), 1, r.out() + r.err());
            assertTrue(r.out().contains("FAIL host 127.0.0.1 VM ghost: no such VM on the host — fix: create it, or fix the name"), r.out());
            assertTrue(r.out().contains("ok   host 127.0.0.1 VM lab-02: Production checkpoints (no memory): every restore leaves the VM off and the harness cold-boots it, a boot per trial; Standard checkpoints skip it (Set-VM -Name lab-02 -CheckpointType Standard"), r.out());
            assertTrue(r.out().contains("ok   host 127.0.0.1 VM lab-01: standard checkpoints"), r.out());
            assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("FAIL ghost")), "a VM the host does not have is not probed: " + r.out());
            assertTrue(!r.out().contains("restored"), "--no-restore restores nothing: " + r.out());
        } finally {
            sim.host().checkpointType("lab-01", 3);
        }
    }

    @Test
    public void aMissingBaseCheckpointIsNamed() {
        SimLab.Node n = sim.lab().node("lab-02").orElseThrow();
        n.guest().checkpoint("spare");
        n.guest().removeCheckpoint(SimLab.CLEAN);
        try {
            Ran r = doctor("--lab", "hyperv", "--lab-config", labYaml.toString());
            assertEquals(r.exit(), 1, r.out() + r.err());
            assertTrue(r.out().contains("FAIL host 127.0.0.1 VM lab-02: has no checkpoint 'clean' (has [spare]) — fix: prepare the guest "
                    + "(vm-images/README.md), then Checkpoint-VM -Name lab-02 -SnapshotName clean"), r.out());
        } finally {
            n.guest().restore("spare");
            n.guest().checkpoint(SimLab.CLEAN);
        }
    }

    @Test
    public void badInputIsExitTwo() {
        Ran r = doctor("--lab", "nope", "--lab-config", labYaml.toString());
        assertEquals(r.exit(), 2);
        assertTrue(r.err().startsWith("lab: unknown lab backend 'nope'"), r.err());
        assertEquals(doctor("no-such-scenario.yaml").exit(), 2);
        assertEquals(doctor("--lab", "hyperv").exit(), 2);
    }
}
