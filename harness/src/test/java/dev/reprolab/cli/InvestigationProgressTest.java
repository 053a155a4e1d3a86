package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.reprolab.fakes.ManualClock;
import org.testng.annotations.Test;

/** The console's status line: after each finished trial (and only then), phase, trials, VM-hours spent and left, budget. */
public class InvestigationProgressTest {

    @Test
    public void aStatusLineFollowsEachFinishedTrialWithTheVmTimeLeftAgainstTheBudget() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(t0);
        List<String> out = new ArrayList<>();
        InvestigationBudget none = new InvestigationBudget(1.0, Files.createTempDirectory("empty"));
        InvestigationProgress p = new InvestigationProgress(out::add, clock, "reproduce", none, 3, 10, 0);
        p.accept("lab-01: june-2018 prepared (KB4284826; tcpip.sys 6.1.7601.24150)");
        assertEquals(out.size(), 1, "no status after a line that is not a finished trial");
        clock.at(t0.plus(Duration.ofMinutes(6))); // 3 VMs held 6 minutes: 0.3 VM-h for 2 trials
        p.accept("[#---------]   1/5    june-2018.netstat-off.busy.01            STOPPED_CLEANLY  service STOPPED");
        p.accept("[##--------]   1/5    june-2018.netstat-5s.busy.01             STOPPED_CLEANLY  service STOPPED");
        assertEquals(out.get(4), "investigate: reproduce · 2 trials in this phase, 2 in all · 0.300 VM-h spent · "
                + "at most ~1.200 VM-h left in this phase · budget 1.000 VM-h, 0.700 left (more than the budget leaves)");
        p.accept("trial   3 at level  1 on lab-02: clean      best level  1 p=1.000");
        assertEquals(out.size(), 7, "a bisect's trial line counts too: " + out);
    }

    @Test
    public void aResumedPhaseCountsItsEarlierTrialsOnce() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(t0);
        java.nio.file.Path dir = Files.createTempDirectory("resumed");
        try (dev.reprolab.journal.Journal j = dev.reprolab.journal.Journal.open(dir, clock)) {
            j.append(new dev.reprolab.journal.RunStarted("r", "s.yaml", "sim", 0));
            for (String id : List.of("a", "b")) {
                j.append(new dev.reprolab.journal.TrialFinished(id, "june-2018", "c", java.util.Map.of(), "lab-01",
                        dev.reprolab.journal.Outcome.STOPPED_CLEANLY, "stopped", 60_000, List.of()));
            }
        }
        InvestigationBudget before = new InvestigationBudget(null, dir);
        List<String> out = new ArrayList<>();
        // the reproduce phase resumed: the two trials of the killed session are in the journal and in its count
        InvestigationProgress p = new InvestigationProgress(out::add, clock, "reproduce", before, 1, 10, 2);
        p.accept("[###-------]   3/10   june-2018.netstat-off.busy.03            STOPPED_CLEANLY  service STOPPED");
        assertEquals(out.get(1).substring(0, out.get(1).indexOf(" · ", out.get(1).indexOf("in all"))),
                "investigate: reproduce · 3 trials in this phase, 3 in all", out.toString());
    }
}
