package dev.reprolab.lab.sim;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.BootMark;
import dev.reprolab.remote.WinRmGuest;
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
 * A guest resumed from a memory checkpoint runs on from the checkpoint's time until time sync steps its clock, and
 * the boot time it reports moves by the step; the harness tells a reboot by uptime, so the step is no reboot and a
 * real reboot still is.
 */
public class ClockStepTest {

    private static final Duration D = Duration.ofSeconds(30);
    private SimBackend lab;

    @BeforeClass
    public void start() throws Exception {
        lab = SimBackends.start(Catalog.load(Path.of("..", "vm-images", "catalog.yaml")), 1, Files.createTempDirectory("clock"), false);
        lab.useStandardCheckpoints();
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    public void aStepAfterAMemoryRestoreMovesTheBootTimeButIsNoReboot() {
        SimGuest g = lab.lab().node("lab-01").orElseThrow().guest();
        lab.checkpoint("lab-01", "mem", D);
        Instant bootAtCheckpoint = g.bootTime();
        Instant checkpointed = Instant.now();
        Awaitility.await("the checkpoint grows old").atMost(D)
                .until(() -> Duration.between(checkpointed, Instant.now()).compareTo(Duration.ofMillis(1500)) > 0);
        lab.restore("lab-01", "mem", D);
        try (WinRmGuest w = new WinRmGuest(lab.address("lab-01", D))) {
            BootMark stale = w.bootMark(D);
            assertEquals(stale.bootTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    bootAtCheckpoint.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), "before the step: the checkpoint's boot time");
            Duration behind = Duration.between(g.clock().instant(), Instant.now());
            assertTrue(behind.compareTo(Duration.ofMillis(1200)) > 0, "the resumed clock is the checkpoint's: behind by " + behind);
            Awaitility.await("time sync steps the clock").atMost(D).until(() -> !g.bootTime().equals(bootAtCheckpoint));
            BootMark stepped = w.bootMark(D);
            assertNotEquals(stepped.bootTime(), stale.bootTime(), "Windows moves its boot time with the step");
            assertTrue(Duration.between(stale.bootTime(), stepped.bootTime()).compareTo(Duration.ofMillis(1200)) > 0, stepped + " vs " + stale);
            assertFalse(stale.rebootedBy(stepped), "a clock step is no reboot: " + stale + " then " + stepped);
            assertTrue(Duration.between(g.clock().instant(), Instant.now()).abs().compareTo(Duration.ofMillis(500)) < 0, "stepped to the host's time");

            w.run("shutdown /r /t 0", D);
            BootMark after = w.awaitReboot(stepped, Duration.ofMinutes(1));
            assertTrue(stepped.rebootedBy(after), after.toString());
        } finally {
            lab.restore("lab-01", dev.reprolab.sim.SimLab.CLEAN, D);
        }
    }
}
