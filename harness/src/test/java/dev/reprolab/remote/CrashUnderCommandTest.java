package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.LabException;
import dev.reprolab.trial.GuestEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.testng.annotations.Test;

/** NotMyFault's crash never returns: the machine dies under the command, and the harness must not wait forever. */
public class CrashUnderCommandTest {

    @Test
    public void theCrashKillsTheShellMidCommandAndTheWaitEndsLongBeforeTheDeadline() throws Exception {
        try (SimEndpoint lab = new SimEndpoint(b -> b); WinRmGuest g = new WinRmGuest(lab.address())) {
            Instant before = g.bootTime(Duration.ofSeconds(20));
            Instant t0 = Instant.now();
            LabException e = expectThrows(LabException.class,
                    () -> g.run("C:\\tools\\notmyfaultc64.exe /accepteula crash 0x01", Duration.ofMinutes(5)));
            assertTrue(Duration.between(t0, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0,
                    "ended after " + Duration.between(t0, Instant.now()) + ": " + e.getMessage());
            assertTrue(g.awaitReboot(before, Duration.ofSeconds(60)).isAfter(before));
        }
    }

    @Test
    public void theKernelDumpIsTakenThroughTheCrash() throws Exception {
        try (SimEndpoint lab = new SimEndpoint(b -> b); WinRmGuest g = new WinRmGuest(lab.address())) {
            Path dir = Files.createTempDirectory("trial");
            GuestEvidence.Dump d = new GuestEvidence(g, Duration.ofSeconds(30), dir).kernelDump(Duration.ofSeconds(90));
            assertEquals(d.kind(), "kernel");
            assertTrue(d.valid(), d.toString());
        }
    }
}
