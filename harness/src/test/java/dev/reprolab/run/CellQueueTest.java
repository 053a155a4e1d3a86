package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.reprolab.journal.Outcome;
import dev.reprolab.stats.EarlyStop;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testng.annotations.Test;

public class CellQueueTest {

    static TrialSpec trial(String cell, int n) {
        return new TrialSpec("july." + cell + "." + String.format("%02d", n), "july", cell, Map.of(), "Apache2.4", 80, Optional.empty(), 1, 0,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, false, false, Duration.ZERO, null, null);
    }

    static List<TrialSpec> plan(int max, String... cells) {
        List<TrialSpec> p = new ArrayList<>();
        for (int i = 1; i <= max; i++) {
            for (String c : cells) {
                p.add(trial(c, i));
            }
        }
        return p;
    }

    static StopCycle.Result result(boolean hung) {
        return new StopCycle.Result(hung ? Outcome.HUNG : Outcome.STOPPED_CLEANLY, "", Duration.ZERO, List.of(), List.of());
    }

    @Test
    public void aSettledCellStopsAndItsFreedTrialsGoToACellStillUndecided() {
        // minRate 0.5: 5 clean trials settle "does not"; a cell hanging every time needs 9 for an interval under 0.3
        CellQueue q = new CellQueue(plan(6, "clean", "hangs"), Set.of(), Map.of(), 6, new EarlyStop(0.5, 0.3));
        Map<String, Integer> used = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (TrialSpec t; (t = q.take(null, Set.of())) != null; ) {
            used.merge(t.cell(), 1, Integer::sum);
            ids.add(t.trialId());
            q.done(t, result(t.cell().equals("hangs")));
        }
        assertEquals((int) used.get("clean"), 5, "stopped when decided");
        assertEquals((int) used.get("hangs"), 7, "its 6 and the one the clean cell freed: never more than cells x N");
        assertEquals(q.extras(), 1);
        assertTrue(ids.contains("july.hangs.07"), ids.toString());
        assertEquals(ids.stream().distinct().count(), (long) ids.size());
    }

    @Test
    public void noMoreInFlightForACellThanItNeedsAndNothingLeftEndsTheQueue() {
        CellQueue q = new CellQueue(plan(5, "a"), Set.of(), Map.of(), 5, new EarlyStop(0.5, 0.3));
        List<TrialSpec> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add(q.take(null, Set.of()));
        }
        // five clean trials in flight would settle the cell: no sixth is handed out
        running.forEach(t -> q.done(t, result(false)));
        assertNull(q.take(null, Set.of()), "settled and nothing running: the queue is empty");
    }

    @Test
    public void aResumedRunKeepsItsCountsAndNumbersExtrasAfterTheHighestTrial() {
        // minRate 0.6: 4 clean trials settle a cell; N = 5, so the clean cell freed one trial before the run was killed
        List<TrialSpec> p = plan(5, "clean", "hangs");
        Set<String> finished = Set.of("july.clean.01", "july.clean.02", "july.clean.03", "july.clean.04", "july.hangs.01",
                "july.hangs.02", "july.hangs.03", "july.hangs.04", "july.hangs.05");
        Map<String, int[]> before = Map.of("july|clean", new int[] {0, 4, 4, 4}, "july|hangs", new int[] {5, 5, 5, 5});
        CellQueue q = new CellQueue(p, finished, before, 5, new EarlyStop(0.6, 0.3));
        List<String> ids = new ArrayList<>();
        for (TrialSpec t; (t = q.take(null, Set.of())) != null; ) {
            ids.add(t.trialId());
            q.done(t, result(t.cell().equals("hangs")));
        }
        assertEquals(ids, List.of("july.hangs.06"), "the settled cell's fifth trial is not run; the freed one goes to the other");
    }
}
