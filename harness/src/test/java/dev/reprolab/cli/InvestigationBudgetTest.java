package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;

import dev.reprolab.journal.BisectStarted;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.PatchSetPrepared;
import dev.reprolab.journal.RunResumed;
import dev.reprolab.journal.RunStarted;
import dev.reprolab.journal.TrialFinished;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import dev.reprolab.fakes.ManualClock;
import org.testng.annotations.Test;

/** VM-hours from the phases' journals: preparation counted, each session from its start, each VM to its last event. */
public class InvestigationBudgetTest {

    /** The test's clock set to {@code minutes} after the start of 2026. */
    private static ManualClock at(ManualClock clock, int minutes) {
        return clock.at(START.plusSeconds(60L * minutes));
    }

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static TrialFinished finished(String vm) {
        return new TrialFinished("t-" + vm, "june-2018", "c", Map.of(), vm, Outcome.STOPPED_CLEANLY, "stopped", 6 * 60_000, List.of());
    }

    @Test
    public void preparationAndEverySessionCountButNotTheTimeAVmWaitsAfterItsLastTrial() throws Exception {
        Path dir = Files.createTempDirectory("budget");
        ManualClock clock = new ManualClock(START);
        try (Journal j = Journal.open(dir, at(clock, 0))) {
            j.append(new RunStarted("r", "s.yaml", "sim", 0));
            at(clock, 30); // lab-01 spends 30 min installing a patch set, then 6 min on a trial
            j.append(new PatchSetPrepared("june-2018", "lab-01", "c", List.of(), List.of(), Map.of()));
            at(clock, 36);
            j.append(finished("lab-01"));
            at(clock, 12);
            j.append(finished("lab-02"));
        }
        // a resumed session (after a kill): an hour later, lab-02 holds 12 more minutes
        try (Journal j = Journal.open(dir, at(clock, 100))) {
            j.append(new RunResumed("r", "s.yaml", "sim", 2));
            at(clock, 112);
            j.append(finished("lab-02"));
        }
        try (Journal j = Journal.open(dir.resolve("cause"), at(clock, 200))) {
            j.append(new BisectStarted("CAUSE", "base", "KB4338818", 0.95, null, null, null, null));
            at(clock, 206);
            j.append(finished("lab-01"));
        }
        InvestigationBudget b = new InvestigationBudget(2.0, dir);
        assertEquals(b.trials(), 4);
        assertEquals(b.spentHours(), (36 + 12 + 12 + 6) / 60.0, 1e-9, "36 + 12 min, then 12, then 6; not the 88 min between sessions");
        assertEquals(b.trialHours(), 24 / 60.0, 1e-9);
        assertEquals(b.hoursPerTrial(), 66 / 60.0 / 4, 1e-9);
        assertEquals(InvestigationBudget.ofPhase(dir, "cause").spentHours(), 0.1, 1e-9);
        // 2 h budget, 1.1 h spent, 0.275 h a trial: 3 more trials fit
        assertEquals(b.trialsLeft(50, "fix"), 3);
        // a resumed bisect's cap is its total: the counted trials its phase already has count against it
        assertEquals(b.trialsLeft(50, "cause"), 1 + 3, "the cause bisect resumed with 1 trial done may run 3 more");
        assertEquals(b.trialsLeft(2, "cause"), 2, "never more than the bisect's own budget");
        assertEquals(b.exhausted(), false);
        assertEquals(new InvestigationBudget(1.0, dir).exhausted(), true);
    }
}
