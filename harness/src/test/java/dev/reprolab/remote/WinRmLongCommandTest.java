package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.LabException;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * What a real 2008 R2 does to long and unlucky commands, over the real wire: Receives that outlive the
 * OperationTimeout are answered w:TimedOut, machines die under a command, commands fail after their shell exists.
 */
public class WinRmLongCommandTest {

    private SimEndpoint lab;

    @BeforeClass
    public void start() throws Exception {
        // MaxTimeoutms shortened from 60 s: the server caps the client's PT60S and faults each Receive after 1 s
        lab = new SimEndpoint(b -> b.maxTimeout(Duration.ofSeconds(1)));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        lab.close();
    }

    @Test
    public void aCommandSilentLongerThanTheOperationTimeoutCompletes() {
        int before = lab.server.requests();
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            CommandResult r = g.run("powershell -NoProfile -Command \"Start-Sleep -Seconds 4; 'done'\"", Duration.ofSeconds(60));
            assertEquals(r.exitCode(), 0, r.stderr());
            assertEquals(r.stdout().strip(), "done");
            assertTrue(r.elapsed().compareTo(Duration.ofSeconds(4)) >= 0, r.elapsed().toString());
        }
        // Create, Command, >= 3 timed-out Receives, the final Receive, Delete
        assertTrue(lab.server.requests() - before >= 7, "requests: " + (lab.server.requests() - before));
        assertEquals(lab.server.openShells(), 0, "the shell is deleted");
    }

    @Test
    public void aQuietDismOfAnUpdateOutlivesTheOperationTimeoutAndCompletes() throws Exception {
        try (SimEndpoint quick = new SimEndpoint(b -> b.maxTimeout(Duration.ofMillis(250)));
             WinRmGuest g = new WinRmGuest(quick.address())) {
            java.nio.file.Path msu = dev.reprolab.windows.cab.StandInPackage.writeMsu(java.nio.file.Files.createTempDirectory("msu"),
                    "KB4338818", "2018-07 Security Monthly Quality Rollup");
            g.upload(msu, "C:\\lab\\KB4338818.msu", FileChannel.WINRM, Duration.ofSeconds(60));
            assertEquals(g.run("expand -f:* C:\\lab\\KB4338818.msu C:\\lab\\kb", Duration.ofSeconds(60)).exitCode(), 0);
            int before = quick.server.requests();
            CommandResult r = g.run("dism /online /add-package /packagepath:C:\\lab\\kb\\Windows6.1-KB4338818-x64.cab /quiet /norestart",
                    Duration.ofSeconds(60));
            assertEquals(r.exitCode(), 3010, r.stdout() + r.stderr());
            // dism runs 90 s × the sim's time scale without a byte of output: several Receives were faulted TimedOut
            assertTrue(quick.server.requests() - before >= 5, "requests: " + (quick.server.requests() - before));
        }
    }

    @Test
    public void theCommandsOwnDeadlineStillEndsTheWait() {
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            Instant t0 = Instant.now();
            LabException e = expectThrows(LabException.class,
                    () -> g.run("powershell -NoProfile -Command \"Start-Sleep -Seconds 30; 'late'\"", Duration.ofSeconds(3)));
            assertTrue(e.getMessage().contains("did not finish within PT3S"), e.getMessage());
            assertTrue(Duration.between(t0, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0);
        }
        Awaitility.await("the abandoned command's shell is deleted").atMost(Duration.ofSeconds(15)).until(() -> lab.server.openShells() == 0);
    }

    @Test
    public void failingCommandsLeaveNoShellsBehindSoTheQuotaOfFiveIsNeverReached() {
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            for (int i = 0; i < 8; i++) {
                assertEquals(g.run("frobnicate", Duration.ofSeconds(20)).exitCode(), 9009);
                expectThrows(LabException.class, () -> g.run("powershell -NoProfile -Command \"Start-Sleep -Seconds 9\"", Duration.ofMillis(300)));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> lab.server.openShells() == 0);
    }
}
