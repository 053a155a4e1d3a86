package dev.reprolab.sim.guest;

import dev.reprolab.windows.sc.ServiceState;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import org.testng.annotations.Test;

/** TerminateProcess is asynchronous: a killed process is still listed for a moment, then gone. */
public class TaskkillRundownTest {

    @Test
    public void aKilledProcessIsListedRightAfterTheKillAndGoneAfterItsRundown() throws Exception {
        SimGuest g = SimGuestTest.booted(false);
        try {
            SimGuestTest.run(g, "sc start Apache2.4");
            await().atMost(Duration.ofSeconds(5)).until(() -> SimGuestTest.status(g).state() == ServiceState.RUNNING);
            String tasks = SimGuestTest.run(g, "tasklist /fi \"IMAGENAME eq httpd.exe\" /fo csv /nh").stdout();
            int pid = Integer.parseInt(tasks.lines().filter(l -> l.contains("httpd.exe")).findFirst().orElseThrow().split("\",\"")[1]);
            assertTrue(SimGuestTest.run(g, "taskkill /f /pid " + pid).stdout().startsWith("SUCCESS"));
            assertTrue(SimGuestTest.run(g, "tasklist /fi \"PID eq " + pid + "\"").stdout().contains("httpd.exe"),
                    "still running down right after the kill");
            await().atMost(Duration.ofSeconds(3)).until(() -> SimGuestTest.run(g, "tasklist /fi \"PID eq " + pid + "\"").stdout()
                    .contains("INFO: No tasks"));
        } finally {
            g.close();
        }
    }
}
