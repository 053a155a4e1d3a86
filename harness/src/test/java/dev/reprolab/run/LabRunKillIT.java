package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.cli.Main;
import dev.reprolab.journal.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.testng.annotations.Test;

/**
 * {@code lab run} killed with SIGKILL at random points, five times, then resumed to the end: the counts equal an
 * uninterrupted run's, and no trial is finished twice.
 */
public class LabRunKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENARIO = "../scenarios/smoke.yaml";
    private static final String TRIALS = "4";

    @Test
    public void fiveKillsAndResumesGiveTheUninterruptedCounts() throws Exception {
        Path root = Files.createTempDirectory("kills");
        long seed = Long.getLong("kills.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Path out = root.resolve("killed");
        Path runDir = null;
        List<String> killedAt = new ArrayList<>();
        for (int kill = 1; kill <= 5; kill++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "dev.reprolab.cli.Main", "run", SCENARIO, "--trials", TRIALS, "--out", out.toString()));
            if (runDir != null) {
                cmd.add("--resume");
                cmd.add(runDir.toString());
            }
            int linesBefore = runDir == null ? 0 : lines(runDir);
            int target = linesBefore + 1 + rnd.nextInt(8);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("runs.log").toFile())).start();
            try {
                Awaitility.await("journal line " + target).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !p.isAlive() || (current(out) != null && lines(current(out)) >= target));
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
            runDir = current(out);
            killedAt.add("kill " + kill + " at journal line " + lines(runDir) + " (aimed " + target + ")");
        }
        int resumedExit = Main.execute("run", SCENARIO, "--trials", TRIALS, "--out", out.toString(), "--resume", runDir.toString());
        Path clean = root.resolve("uninterrupted");
        int cleanExit = Main.execute("run", SCENARIO, "--trials", TRIALS, "--out", clean.toString());
        assertEquals(resumedExit, cleanExit, "same exit code (4 trials leave June's cell undecided: 3) " + killedAt);
        assertEquals(counts(runDir), counts(current(clean)), "seed " + seed + ", " + killedAt);
        List<String> finished = LabRunResumeIT.finished(runDir);
        assertEquals(finished.size(), 8, "every trial finished exactly once: " + finished + ", " + killedAt);
        assertEquals(finished.stream().distinct().count(), 8L, "no trial done twice: " + finished);
        long resumes = Journal.events(runDir, dev.reprolab.journal.RunResumed.class).size();
        assertTrue(resumes >= 1, "the run was resumed: " + killedAt);
    }

    private static Path current(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(d -> Files.exists(d.resolve(Journal.FILE))).findFirst().orElse(null);
        }
    }

    private static int lines(Path runDir) throws IOException {
        Path j = runDir.resolve(Journal.FILE);
        return Files.exists(j) ? (int) Files.readString(j).chars().filter(c -> c == '\n').count() : 0;
    }

    /** patch set / cell → trials, reproduced, not reproduced, infra. */
    private static Map<String, String> counts(Path runDir) throws IOException {
        JsonNode r = JSON.readTree(runDir.resolve("results.json").toFile());
        Map<String, String> m = new TreeMap<>();
        for (JsonNode c : r.get("cells")) {
            m.put(c.get("patchSet").asText() + "/" + c.get("cell").asText(), c.get("trials").asInt() + " "
                    + c.get("reproduced").asInt() + " " + c.get("notReproduced").asInt() + " " + c.get("infra").asInt());
        }
        return m;
    }
}
