package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.cli.Main;
import dev.reprolab.journal.BisectFinished;
import dev.reprolab.journal.BisectStep;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.TrialFinished;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.testng.annotations.Test;

/** {@code lab bisect} on the simulated lab names the cause (KB4338818) and the fix (KB4345459), each with confidence ≥ 0.95. */
public class LabBisectIT {

    static Path scenario() {
        Path p = Paths.get("..", "scenarios", "apache-stop-hang.yaml");
        return Files.exists(p) ? p : Paths.get("scenarios", "apache-stop-hang.yaml");
    }

    static String bisectLog(Path out) throws Exception {
        try (var dirs = Files.list(out)) {
            Path run = dirs.findFirst().orElseThrow();
            return Files.readString(run.resolve("bisect.log"), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void namesTheJuly2018RollupAsFirstBadOverEightLevels() throws Exception {
        Path out = Files.createTempDirectory("bisect");
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "base", "--bad", "KB4338818", "--out", out.toString()), 0);
        String log = bisectLog(out);
        assertTrue(log.contains("first bad: level 7 (KB4338818), confidence 0.9"), log);
    }

    @Test
    public void findFixNamesKb4345459() throws Exception {
        Path out = Files.createTempDirectory("bisect");
        assertEquals(Main.execute("bisect", scenario().toString(), "--bad", "KB4338818", "--good", "KB4343900", "--find-fix",
                "--out", out.toString()), 0);
        String log = bisectLog(out);
        assertTrue(log.contains("(KB4345459), confidence 0.9"), log);
        assertTrue(log.contains("first fixed"), log);
    }

    @Test
    public void aRateMeasuredByAnEarlierRunIsThePriorAndSurvivesResume() throws Exception {
        Path out = Files.createTempDirectory("bisect");
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "KB4093118", "--bad", "KB4338818", "--rate", "14/21",
                "--out", out.toString()), 0);
        String log = bisectLog(out);
        assertTrue(log.contains("prior on the repro probability: Beta(15, 8): 14 hangs in 21 earlier trials at the bad end"), log);
        assertTrue(log.contains("first bad: level 3 (KB4338818), confidence 0.9"), log);
        Path run;
        try (var dirs = Files.list(out)) {
            run = dirs.findFirst().orElseThrow();
        }
        // a bisect's trials are journaled by the same recorder as a run's: duration, artifacts, factors, one step each
        List<TrialFinished> trials = Journal.events(run, TrialFinished.class);
        assertFalse(trials.isEmpty());
        for (TrialFinished t : trials) {
            assertTrue(t.durationMs() > 0 && !t.artifacts().isEmpty(), t.toString());
            assertTrue(t.bisectLevel().isPresent(), t.toString());
        }
        List<BisectStep> steps = Journal.events(run, BisectStep.class);
        assertEquals(steps.size(), trials.stream().filter(t -> t.outcome().counts()).count(), steps.toString());
        assertEquals(steps.get(steps.size() - 1).trials(), steps.size());
        assertEquals(Journal.events(run, BisectFinished.class).size(), 1);
        // resumed without --rate: the journal's prior, and nothing more to run
        long before = Files.readAllLines(run.resolve("journal.jsonl")).stream().filter(l -> l.contains("trial-finished")).count();
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "KB4093118", "--bad", "KB4338818", "--resume",
                run.toString()), 0);
        String again = Files.readString(run.resolve("bisect.log"), StandardCharsets.UTF_8).substring(log.length());
        assertTrue(again.contains("Beta(15, 8)"), again);
        assertEquals(Files.readAllLines(run.resolve("journal.jsonl")).stream().filter(l -> l.contains("trial-finished")).count(), before);
    }

    @Test
    public void badLevelNamesAreUsageErrors() throws Exception {
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "KB4338818", "--bad", "base"), 2);
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "base", "--bad", "KB1234567"), 2);
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "base", "--bad", "KB4338818", "--rate", "0/21"), 2);
        assertEquals(Main.execute("bisect", scenario().toString(), "--good", "base", "--bad", "KB4338818", "--rate", "lots"), 2);
    }
}
