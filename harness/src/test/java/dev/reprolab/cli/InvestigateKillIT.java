package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.journal.BisectFinished;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.RunResumed;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialStarted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.testng.annotations.Test;

/**
 * {@code lab investigate} killed with SIGKILL (a real process, {@code destroyForcibly}) in the middle of each phase
 * that runs trials — reproducing, the cause bisect, the fix bisect — and resumed each time: it finishes with the
 * uninterrupted answer, and no trial finishes twice in any phase's journal.
 */
public class InvestigateKillIT {

    private static final String SCENARIO = InvestigateCommandIT.scenario("investigate-smoke.yaml").toString();

    @Test
    public void killedInEveryPhaseAndResumedItGivesTheSameAnswerAndRepeatsNoTrial() throws Exception {
        Path out = Files.createTempDirectory("investigate-kills");
        Path log = out.resolve("processes.log");
        List<String> killedAt = new ArrayList<>();
        // mid-reproduce: some trials finished, others not yet
        kill(out, log, null, dir -> finished(dir) >= 4, killedAt, "reproduce");
        Path dir = investigation(out);
        // mid cause bisect: it has journaled its start (the lab run before it is done), its trial not finished
        kill(out, log, dir, d -> started(d.resolve("cause")), killedAt, "cause");
        // mid fix bisect
        kill(out, log, dir, d -> started(d.resolve("fix")), killedAt, "fix");
        String last = run("investigate", SCENARIO, "--resume", dir.toString());
        assertTrue(last.startsWith("0\n"), killedAt + "\n" + last);
        assertTrue(last.contains("first bad: KB4338818 (confidence "), last);
        assertTrue(last.contains("first fixed: KB4345459 (confidence "), last);
        assertTrue(last.contains("verify: OK"), last);
        for (String phase : List.of("", "cause", "fix")) {
            List<String> ids = Journal.events(phase.isEmpty() ? dir : dir.resolve(phase), TrialFinished.class).stream()
                    .map(TrialFinished::trialId).toList();
            assertEquals(ids.stream().distinct().count(), (long) ids.size(), "a trial finished twice in '" + phase + "': " + ids + " " + killedAt);
        }
        assertEquals(Journal.events(dir, TrialFinished.class).size(), 15,
                "the reproduce phase ran its 15 trials once each " + killedAt);
        long resumes = Journal.events(dir, RunResumed.class).size();
        assertTrue(resumes >= 3, "every session after a kill resumed the run: " + resumes + " " + killedAt);
    }

    /** Starts lab investigate (resuming {@code dir} if given), waits until {@code when} holds, then kills it. */
    private static void kill(Path out, Path log, Path dir, Predicate<Path> when, List<String> killedAt, String phase) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.reprolab.cli.Main", "investigate", SCENARIO));
        cmd.addAll(dir == null ? List.of("--out", out.toString()) : List.of("--resume", dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            // resumed, a session first finishes the phase before: on a loaded 2-core machine that alone took over 4 min
            Awaitility.await("investigate reaches " + phase).atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !p.isAlive() || (investigation(out) != null && when.test(investigation(out))));
            assertTrue(p.isAlive(), "the investigation ended before the kill in " + phase + ":\n" + Files.readString(log));
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        killedAt.add("killed in " + phase + " after " + finished(investigation(out)) + " reproduce trials");
    }

    private static Path investigation(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(d -> Files.isRegularFile(d.resolve(Journal.FILE))).findFirst().orElse(null);
        }
    }

    private static long finished(Path dir) {
        return Journal.events(dir, TrialFinished.class).size();
    }

    /** A bisect has journaled its start and not yet finished its first trial. */
    private static boolean started(Path bisect) {
        List<JournalEntry> events = Journal.read(bisect);
        return !Journal.events(events, TrialStarted.class).isEmpty() && Journal.events(events, BisectFinished.class).isEmpty();
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args) + "\n" + buf.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }
}
