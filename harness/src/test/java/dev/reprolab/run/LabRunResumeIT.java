package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.Journal;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.trial.TrialRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

/** A run stopped half way (its journal torn mid-line, as kill -9 leaves it) finishes with --resume semantics. */
public class LabRunResumeIT {

    @Test
    public void resumeRunsOnlyWhatWasNotFinishedAndLosesNothing() throws Exception {
        Path file = Files.exists(Paths.get("../scenarios/smoke.yaml")) ? Paths.get("../scenarios/smoke.yaml") : Paths.get("scenarios/smoke.yaml");
        Scenario s = ScenarioLoader.load(file);
        Path runDir = Files.createTempDirectory("resume").resolve("run");
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            LabRun first = new LabRun(s, lab, runDir, Clock.systemUTC(), l -> { }).start(3, TrialRecorder.NONE);
            first.runTrials(t -> t.patchSet().equals("june-2018"));
        }
        // the kill landed while an event was being written
        Files.writeString(runDir.resolve(Journal.FILE), "{\"ts\":\"2026-11-25T04:00:00Z\",\"type\":\"trial-fin", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        List<String> before = finished(runDir);
        assertEquals(before.size(), 3);
        List<String> console = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            List<Results.CellResult> results = new LabRun(s, lab, runDir, Clock.systemUTC(), console::add).execute(3);
            assertEquals(results.stream().mapToInt(Results.CellResult::counted).sum()
                    + results.stream().mapToInt(Results.CellResult::infraErrors).sum(), 6);
        }
        // the progress bar of a cell counts the trials finished before the kill too: the last July line is full
        assertTrue(console.stream().anyMatch(l -> l.startsWith("[##########]   3/3") && l.contains("july-2018.")), console.toString());
        assertTrue(console.stream().noneMatch(l -> l.contains("june-2018.") && l.startsWith("[")),
                "June was finished before the kill: " + console);
        List<String> after = finished(runDir);
        assertEquals(after.size(), 6, "every trial exactly once");
        assertEquals(after.stream().distinct().count(), 6L);
        assertTrue(after.containsAll(before));
        assertTrue(Files.exists(runDir.resolve("summary.html")) && Files.exists(runDir.resolve("results.json")));
    }

    static List<String> finished(Path runDir) {
        return Journal.events(runDir, dev.reprolab.journal.TrialFinished.class).stream()
                .map(dev.reprolab.journal.TrialFinished::trialId).collect(Collectors.toList());
    }

}
