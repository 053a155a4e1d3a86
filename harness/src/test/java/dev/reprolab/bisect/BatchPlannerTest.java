package dev.reprolab.bisect;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;

public class BatchPlannerTest {

    /** E[H(c | outcomes)] by enumerating every outcome vector: what the class-by-class sum must equal. */
    private static double bruteForce(BisectEngine e, List<Integer> levels) {
        double[][] j = e.joint();
        int n = e.levels() - 1;
        int m = levels.size();
        double total = 0;
        for (int y = 0; y < (1 << m); y++) {
            double[] pyc = new double[n + 1];
            double py = 0;
            for (int c = 1; c <= n; c++) {
                if (j[c] == null) {
                    continue;
                }
                for (int i = 0; i < BisectEngine.GRID; i++) {
                    double like = j[c][i];
                    for (int t = 0; t < m; t++) {
                        boolean hit = (y >> t & 1) == 1;
                        boolean bad = e.bad(levels.get(t), c);
                        like *= bad ? (hit ? e.p(i) : 1 - e.p(i)) : (hit ? 0 : 1);
                    }
                    pyc[c] += like;
                }
                py += pyc[c];
            }
            for (int c = 1; c <= n; c++) {
                if (pyc[c] > 0) {
                    total -= pyc[c] * Math.log(pyc[c] / py) / Math.log(2);
                }
            }
        }
        return total;
    }

    private static BisectEngine withHistory(BisectEngine.Mode mode) {
        BisectEngine e = new BisectEngine(10, mode, BisectEngine.RatePrior.measured(6, 20));
        e.record(mode == BisectEngine.Mode.CAUSE ? 9 : 0, true);
        e.record(3, false);
        e.record(5, mode == BisectEngine.Mode.FIX);
        e.record(6, mode == BisectEngine.Mode.CAUSE);
        e.record(4, false);
        return e;
    }

    @Test
    public void theClassSumEqualsEnumeratingEveryOutcome() {
        for (BisectEngine.Mode mode : BisectEngine.Mode.values()) {
            BisectEngine e = withHistory(mode);
            for (List<Integer> levels : List.of(List.<Integer>of(), List.of(4), List.of(5, 5), List.of(2, 7, 4), List.of(6, 4, 4, 8, 1))) {
                assertEquals(BatchPlanner.expectedEntropy(e, e.joint(), levels), bruteForce(e, levels), 1e-9, mode + " " + levels);
            }
        }
    }

    @Test
    public void aloneItChoosesWhatTheSequentialEngineChooses() {
        for (BisectEngine.Mode mode : BisectEngine.Mode.values()) {
            BisectEngine e = withHistory(mode);
            assertEquals(new BatchPlanner(BatchPlanner.Method.GREEDY).next(e, List.of(), Set.of(), 1), e.next(), mode.name());
        }
    }

    @Test
    public void aTrialAlreadyRunningMakesTheBatchSpreadOut() {
        // p is near 1: a second trial at the level being tested tells almost nothing the first will not
        BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(20, 20));
        BatchPlanner greedy = new BatchPlanner(BatchPlanner.Method.GREEDY);
        int first = greedy.next(e, List.of(), Set.of(), 1);
        int second = greedy.next(e, List.of(first), Set.of(), 1);
        assertNotEquals(second, first);
        List<Integer> batch = new ArrayList<>(List.of(first, second));
        batch.add(greedy.next(e, batch, Set.of(), 1));
        assertEquals(Set.copyOf(batch).size(), 3, "three VMs, three levels: " + batch);
    }

    @Test
    public void aVmKeepsALevelItPreparedWhenItIsWorthNearlyAsMuch() {
        BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(6, 20));
        BatchPlanner greedy = new BatchPlanner(BatchPlanner.Method.GREEDY);
        int best = greedy.next(e, List.of(), Set.of(), 1);
        // the neighbour of the middle is worth almost the same; a far end is worth far less
        assertEquals(greedy.next(e, List.of(), Set.of(best + 1), 1), best + 1);
        assertEquals(greedy.next(e, List.of(), Set.of(1), 1), best);
        assertEquals(new BatchPlanner(BatchPlanner.Method.GREEDY, 1.01).next(e, List.of(), Set.of(best + 1), 1), best);
    }

    @Test
    public void theChanceThatRunningTrialsDecideIsOneWhenEveryOutcomeDecides() {
        // deterministic bug, levels 5 clean and 7 hung: only 6 is open; a trial there decides either way
        BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(20, 20));
        for (int k = 0; k < 8; k++) {
            e.record(5, false);
        }
        e.record(7, true);
        assertEquals(BatchPlanner.chanceDecided(e, List.of(6), 0.95), 1.0, 0.02);
        assertTrue(BatchPlanner.chanceDecided(e, List.of(12), 0.95) < 0.05);
    }
}
