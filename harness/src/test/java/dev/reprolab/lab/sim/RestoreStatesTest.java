package dev.reprolab.lab.sim;

import static org.testng.Assert.assertEquals;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend.VmState;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.sim.SimLab;
import dev.reprolab.sim.SimVm.PowerState;
import dev.reprolab.sim.guest.SimGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * What Restore-VMSnapshot leaves a VM in, on the simulated host as on Hyper-V: off after a Production checkpoint
 * (disks only, a Server 2016+ host's default), saved after a Standard checkpoint of a VM that was not running,
 * running only when a Standard checkpoint is applied to a running VM — and the Hyper-V backend starts the VM
 * whatever state the restore left it in, so the trial finds WinRM answering.
 */
public class RestoreStatesTest {

    private static final Duration D = Duration.ofSeconds(30);
    private SimBackend lab;

    @BeforeClass
    public void start() throws Exception {
        lab = SimBackends.start(Catalog.load(Path.of("..", "vm-images", "catalog.yaml")), 2, Files.createTempDirectory("restore"), false);
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private SimGuest guest(String vm) {
        return lab.lab().node(vm).orElseThrow().guest();
    }

    private void awaitRunning(SimGuest g) {
        Awaitility.await().atMost(D).until(() -> g.powerState() == PowerState.RUNNING);
    }

    @Test
    public void theSimulatedHostKeepsHyperVsRestoreStates() {
        SimGuest g = guest("lab-01");
        awaitRunning(g);
        g.restore(SimLab.CLEAN);
        assertEquals(g.powerState(), PowerState.OFF, "a Production checkpoint keeps no memory: the VM is off");
        g.powerOn();
        awaitRunning(g);
        g.checkpoint("with-memory", true);
        g.restore("with-memory");
        assertEquals(g.powerState(), PowerState.RUNNING, "a Standard checkpoint applied to a running VM resumes it");
        Instant boot = g.bootTime();
        g.turnOff();
        g.restore("with-memory");
        assertEquals(g.powerState(), PowerState.SAVED, "a VM that was not running is left saved");
        g.powerOn();
        awaitRunning(g);
        assertEquals(g.bootTime(), boot, "starting a saved VM resumes it: no boot");
        g.removeCheckpoint("with-memory");
    }

    @Test
    public void theBackendStartsTheVmWhateverTheRestoreLeft() {
        SimGuest g = guest("lab-02");
        lab.restore("lab-02", SimLab.CLEAN, D);
        assertEquals(lab.state("lab-02", D), VmState.RUNNING, "after a Production checkpoint");
        try (Guest w = new WinRmGuest(lab.address("lab-02", D))) {
            w.awaitReconnect(Instant.EPOCH, D);
            assertEquals(w.run("hostname", D).exitCode(), 0);
        }
        lab.host().checkpointType("lab-02", 5);
        try {
            lab.checkpoint("lab-02", "standard", D);
            lab.stop("lab-02", dev.reprolab.lab.LabBackend.StopMode.TURN_OFF, D);
            lab.restore("lab-02", "standard", D);
            assertEquals(lab.state("lab-02", D), VmState.RUNNING, "after a Standard checkpoint of a VM that was off");
        } finally {
            lab.host().checkpointType("lab-02", 3);
        }
        assertEquals(g.powerState(), PowerState.RUNNING);
    }
}
