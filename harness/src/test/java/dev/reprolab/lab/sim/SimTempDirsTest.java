package dev.reprolab.lab.sim;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** The simulated lab's temporary folder is gone after a normal exit and after SIGTERM; after SIGKILL the next run removes it. */
public class SimTempDirsTest {

    /** A child JVM: makes the folder with a few MB in it, prints its path, then exits or waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path p = SimBackends.tempRoot();
        Files.createDirectories(p.resolve("lab-01/disk/Windows"));
        Files.write(p.resolve("lab-01/disk/Windows/MEMORY.DMP"), new byte[3 * 1024 * 1024]);
        System.out.println(p);
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            Thread.sleep(120_000);
        }
    }

    private static Process child(Path tmp, boolean wait) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", cp, SimTempDirsTest.class.getName(), wait ? "wait" : "exit"))
                .redirectErrorStream(false).start();
    }

    private static Path pathFrom(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        return Path.of(r.readLine());
    }

    @Test
    public void normalExitAndSigtermRemoveTheFolderAndTheNextRunRemovesAKilledOnes() throws Exception {
        Path tmp = Files.createTempDirectory("tmpdir");
        Process exits = child(tmp, false);
        Path a = pathFrom(exits);
        assertTrue(exits.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(a), "removed on a normal exit: " + a);

        Process termed = child(tmp, true);
        Path b = pathFrom(termed);
        assertTrue(Files.exists(b.resolve("lab-01/disk/Windows/MEMORY.DMP")));
        termed.destroy(); // SIGTERM, what Ctrl+C's SIGINT also leads to: shutdown hooks run
        assertTrue(termed.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(b), "removed after SIGTERM: " + b);

        Process killed = child(tmp, true);
        Path c = pathFrom(killed);
        killed.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(c), "SIGKILL leaves it: " + c);
        Path mine = Files.createDirectory(tmp.resolve(SimTempDirs.PREFIX + "-live"));
        Files.writeString(mine.resolve(SimTempDirs.OWNER), Long.toString(ProcessHandle.current().pid()));
        assertEquals(SimTempDirs.reapLeftovers(tmp), List.of(c), "the next run removes the dead run's folder only");
        assertFalse(Files.exists(c));
        assertTrue(Files.exists(mine), "a live run's folder stays");
    }
}
