package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.BisectFinished;
import dev.reprolab.journal.BisectStep;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialStarted;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.sim.SimLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.Test;

/** {@code lab bisect} on a pool: every VM runs trials at once; a lab that stops answering ends the bisect by itself. */
public class LabBisectPoolTest {

    /** The case scenario with a short boot deadline (a guest that never answers costs seconds, not minutes). */
    static Scenario caseWithBootDeadline(String boot) throws Exception {
        Path original = LabBisectIT.scenario().toAbsolutePath().normalize();
        String text = Files.readString(original, StandardCharsets.UTF_8)
                .replace("../vm-images", original.getParent().resolveSibling("vm-images").toString())
                .replaceAll("(?m)^  boot: .*$", "  boot: " + boot);
        Path copy = Files.createTempDirectory("scenario").resolve("apache-stop-hang.yaml");
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        return ScenarioLoader.load(copy);
    }

    static int level(Scenario s, String name) {
        return LabBisect.names(Catalog.load(s.updates().catalog()).levels(s.bisect().orElseThrow().levels())).indexOf(name);
    }

    @Test
    public void threeVmsRunTrialsAtOnceAndNameTheJuly2018Rollup() throws Exception {
        Scenario s = ScenarioLoader.load(LabBisectIT.scenario());
        Path runDir = Files.createTempDirectory("bisect").resolve("run");
        LabBisect.Result r;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 3, Files.createTempDirectory("sim"), false)) {
            r = new LabBisect(s, lab, runDir, Clock.systemUTC(), l -> { }).run(level(s, "KB4093118"), level(s, "KB4338818"),
                    BisectEngine.Mode.CAUSE, 0.95, 60, BisectEngine.RatePrior.measured(14, 21), 3);
        }
        String log = Files.readString(runDir.resolve("bisect.log"), StandardCharsets.UTF_8);
        assertTrue(r.decided(), log);
        assertTrue(log.contains("first bad: level 3 (KB4338818)"), log);
        // the journal shows trials on different VMs running at the same time
        Map<String, Instant> started = new HashMap<>();
        Map<String, String> guest = new HashMap<>();
        List<Instant[]> spans = new ArrayList<>();
        List<String> spanGuests = new ArrayList<>();
        for (JournalEntry e : Journal.read(runDir)) {
            if (e.event() instanceof TrialStarted t) {
                started.put(t.trialId(), e.ts());
                guest.put(t.trialId(), t.guest());
            } else if (e.event() instanceof TrialFinished t) {
                spans.add(new Instant[] {started.get(t.trialId()), e.ts()});
                spanGuests.add(guest.get(t.trialId()));
            }
        }
        // every counted trial is a bisect step, and the last step's best level is the answer
        List<BisectStep> steps = Journal.events(runDir, BisectStep.class);
        assertEquals(steps.size(), Journal.events(runDir, TrialFinished.class).stream().filter(t -> t.outcome().counts()).count());
        assertEquals(steps.get(steps.size() - 1).bestLevel(), "KB4338818");
        assertEquals(new HashSet<>(spanGuests).size(), 3, "every VM ran trials: " + spanGuests);
        boolean overlap = false;
        for (int i = 0; i < spans.size(); i++) {
            for (int j = i + 1; j < spans.size(); j++) {
                overlap |= !spanGuests.get(i).equals(spanGuests.get(j)) && spans.get(i)[0].isBefore(spans.get(j)[1])
                        && spans.get(j)[0].isBefore(spans.get(i)[1]);
            }
        }
        assertTrue(overlap, "trials on different VMs overlap in time: " + log);
    }

    @Test
    public void namesTheJuly2018RollupOnAFlakyCell() throws Exception {
        // light load polled every second: the case run's cell at 8 hangs in 12 trials (67 %), its rate the prior
        Scenario s = ScenarioLoader.load(LabBisectIT.scenario());
        Scenario.Load light = s.loads().stream().filter(l -> l.name().equals("light")).findFirst().orElseThrow();
        BisectEngine.RatePrior rate = BisectEngine.RatePrior.measured(8, 12);
        double measured = (rate.alpha() - 1) / (rate.alpha() + rate.beta() - 2);
        assertTrue(measured > 0.15 && measured < 0.85, "a cell between 15 % and 85 %: " + measured);
        Path runDir = Files.createTempDirectory("bisect").resolve("run");
        LabBisect.Result r;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 3, Files.createTempDirectory("sim"), false)) {
            // 0.99: a wrong answer is at most a 1 % event, so the test does not flake on an unlucky run of clean trials
            r = new LabBisect(s, lab, runDir, Clock.systemUTC(), l -> { }).inCell(light, java.util.Optional.of(java.time.Duration.ofSeconds(1)))
                    .run(level(s, "KB4093118"), level(s, "KB4338818"), BisectEngine.Mode.CAUSE, 0.99, 60, rate, 3);
        }
        String log = Files.readString(runDir.resolve("bisect.log"), StandardCharsets.UTF_8);
        assertTrue(r.decided(), log);
        assertTrue(log.contains("first bad: level 3 (KB4338818)"), log);
        assertTrue(log.contains("cell: load light, netstat 1s"), log);
    }

    @Test
    public void aLabWhoseVmsAllStopAnsweringEndsUndecidedSayingWhich() throws Exception {
        Scenario s = caseWithBootDeadline("4s");
        Path runDir = Files.createTempDirectory("bisect").resolve("run");
        LabBisect.Result r;
        List<String> console = new ArrayList<>();
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 3, Files.createTempDirectory("sim"), false)) {
            for (SimLab.Node node : lab.lab().nodes()) {
                node.endpoint().faults().dropNext(Integer.MAX_VALUE);
            }
            r = new LabBisect(s, lab, runDir, Clock.systemUTC(), console::add).run(level(s, "KB4093118"), level(s, "KB4338818"),
                    BisectEngine.Mode.CAUSE, 0.95, 60, BisectEngine.RatePrior.measured(14, 21), 3);
        }
        String log = Files.readString(runDir.resolve("bisect.log"), StandardCharsets.UTF_8);
        assertFalse(r.decided(), log);
        String why = r.infrastructure().orElseThrow(() -> new AssertionError("no infrastructure stop: " + log));
        assertTrue(why.contains("lab-0") && why.contains("did not answer"), why);
        assertTrue(log.contains("undecided: infrastructure: "), log);
        Set<String> out = new HashSet<>();
        Journal.events(runDir, BisectFinished.class).forEach(e -> out.add(e.infrastructure()));
        assertEquals(out, Set.of(why));
        assertTrue(log.contains("taken out of the pool"), log);
    }
}
