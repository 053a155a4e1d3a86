package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.testng.annotations.Test;

/** The git-bisect-run convention on the simulated lab: 1 for the July level, 0 for June. */
public class TrialCommandTest {

    static String smoke() {
        Path p = Paths.get("..", "scenarios", "smoke.yaml");
        return (Files.exists(p) ? p : Paths.get("scenarios", "smoke.yaml")).toString();
    }

    @Test
    public void exitCodesFollowGitBisectRun() throws Exception {
        String out = Files.createTempDirectory("trial").toString();
        assertEquals(Main.execute("trial", smoke(), "--patch-set", "july-2018", "--exit-code", "--trials", "2", "--out", out), 1);
        assertEquals(Main.execute("trial", smoke(), "--patch-set", "june-2018", "--exit-code", "--trials", "5", "--out", out), 0);
        assertEquals(Main.execute("trial", smoke(), "--patch-set", "june-2018", "--exit-code", "--trials", "2", "--out", out), 125,
                "two clean trials cannot rule out a 50 % repro rate");
        assertEquals(Main.execute("trial", smoke(), "--patch-set", "nope"), 2);
    }
}
