package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.trial.WusaTaskInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * The wusa-task installer over real WinRM on a simulated guest: wusa in the WinRM shell is refused, the same line from
 * a one-shot SYSTEM task stages the update, and the task's exit code is read from schtasks' CSV by column.
 */
public class WusaTaskOnSimTest {

    static Path msu() {
        Path p = Paths.get("..", "vm-images", "updates", "sim", "windows6.1-kb4056894-x64.msu");
        return Files.exists(p) ? p : Paths.get("vm-images", "updates", "sim", "windows6.1-kb4056894-x64.msu");
    }

    @Test
    public void wusaFromAOneShotTaskStagesTheUpdateAndReportsRebootRequired() throws Exception {
        try (SimEndpoint lab = new SimEndpoint(b -> b); WinRmGuest g = new WinRmGuest(lab.address())) {
            String remote = "C:\\lab\\updates\\windows6.1-kb4056894-x64.msu";
            g.run("mkdir C:\\lab\\updates", Duration.ofSeconds(20));
            g.upload(msu(), remote, FileChannel.WINRM, Duration.ofSeconds(60));
            assertEquals(g.run("wusa.exe " + remote + " /quiet /norestart", Duration.ofSeconds(20)).exitCode(), 5,
                    "wusa refuses inside WinRM (access denied)");
            int exit = new WusaTaskInstaller(g, "lab-01", Duration.ofSeconds(20)).install("KB4056894", remote);
            assertEquals(exit, 3010);
            assertTrue(lab.guest.stagedUpdates().contains("KB4056894"), lab.guest.stagedUpdates().toString());
            assertEquals(g.run("schtasks /query /tn reprolab-KB4056894", Duration.ofSeconds(20)).exitCode(), 1, "the task is deleted after");
        }
    }
}
