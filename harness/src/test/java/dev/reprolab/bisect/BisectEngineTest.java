package dev.reprolab.bisect;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.testng.annotations.Test;

public class BisectEngineTest {

    @Test
    public void findsTheFirstBadLevelOfADeterministicBug() {
        for (int change = 1; change < 16; change++) {
            int c = change;
            BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE);
            BisectEngine.Estimate est = Bisector.run(e, l -> l >= c, 0.95, 200, s -> { });
            assertEquals(est.level(), change);
            assertTrue(est.probability() >= 0.95);
        }
    }

    @Test
    public void findsTheFixLevelInFixMode() {
        // levels 0..9: 0 is bad (the regression), the fix lands at 6
        SplittableRandom rnd = new SplittableRandom(5);
        BisectEngine e = new BisectEngine(10, BisectEngine.Mode.FIX);
        BisectEngine.Estimate est = Bisector.run(e, l -> l < 6 && rnd.nextDouble() < 0.6, 0.95, 500, s -> { });
        assertEquals(est.level(), 6);
    }

    /**
     * Of 200 bisects of a flaky bug with repro probability p (change point uniform), how many name the right level;
     * {@code known} earlier trials at the bad end set the prior on p (0: uniform).
     */
    private static int rightAnswers(long seed, double p, double confidence, int known) {
        int right = 0;
        for (int i = 0; i < 200; i++) {
            SplittableRandom rnd = new SplittableRandom(seed + i);
            int change = 1 + rnd.nextInt(15);
            int hangs = 0;
            for (int k = 0; k < known; k++) {
                hangs += rnd.nextDouble() < p ? 1 : 0;
            }
            BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(hangs, known));
            if (Bisector.run(e, l -> l >= change && rnd.nextDouble() < p, confidence, 2000, s -> { }).level() == change) {
                right++;
            }
        }
        return right;
    }

    @Test
    public void isRightAtLeastAsOftenAsItClaimsOnAFlakyBug() {
        int right = rightAnswers(1000, 0.3, 0.97, 0);
        assertTrue(right >= 0.93 * 200, right + "/200");
    }

    @Test
    public void withTheBadEndsMeasuredRateItIsRightAsOftenAsItClaimsEvenWhenRare() {
        // p = 0.1: knowing nothing, the uniform prior hopes p is larger than it is and claims more than it delivers;
        // with the 20 earlier trials a real bisect starts from, the claimed 0.95 holds
        int right = rightAnswers(7000, 0.1, 0.95, 20);
        assertTrue(right >= 0.93 * 200, right + "/200");
    }

    @Test
    public void aMeasuredRateIsParsedAsHangsOverTrials() {
        assertEquals(BisectEngine.RatePrior.parse("14/21"), new BisectEngine.RatePrior(15, 8));
        assertEquals(BisectEngine.RatePrior.parse(" 3 / 10 "), new BisectEngine.RatePrior(4, 8));
        for (String bad : List.of("14", "x/21", "22/21", "-1/5", "0/21", "1/2/3", "")) {
            try {
                BisectEngine.RatePrior.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().length() > 10, expected.getMessage());
            }
        }
    }

    @Test
    public void aMeasuredRateMovesTheNextStepButNotTheEvidence() {
        // same observations, different prior on p: a prior that says p is high makes clean trials at a level stronger
        // evidence that it is good, so the posterior on "the change is at 8" (levels 1..7 clean) is larger
        BisectEngine blind = new BisectEngine(16, BisectEngine.Mode.CAUSE);
        BisectEngine told = new BisectEngine(16, BisectEngine.Mode.CAUSE, BisectEngine.RatePrior.measured(18, 20));
        for (BisectEngine e : List.of(blind, told)) {
            for (int k = 0; k < 3; k++) {
                e.record(7, false);
            }
            e.record(8, true);
        }
        assertTrue(told.posterior()[8] > blind.posterior()[8] + 0.2, told.posterior()[8] + " vs " + blind.posterior()[8]);
        assertEquals(told.trials(7), blind.trials(7));
    }

    @Test
    public void replayingTheHistoryGivesTheSameNextStep() {
        SplittableRandom rnd = new SplittableRandom(9);
        BisectEngine a = new BisectEngine(12, BisectEngine.Mode.CAUSE);
        List<int[]> history = new ArrayList<>();
        Bisector.run(a, l -> {
            boolean hit = l >= 7 && rnd.nextDouble() < 0.4;
            history.add(new int[] {l, hit ? 1 : 0});
            return hit;
        }, 0.8, 15, s -> { });
        BisectEngine b = new BisectEngine(12, BisectEngine.Mode.CAUSE);
        history.forEach(h -> b.record(h[0], h[1] == 1));
        assertEquals(b.next(), a.next());
        assertEquals(b.estimate(0.95), a.estimate(0.95));
    }

    @Test
    public void saysHonestlyWhenTheBudgetRanOut() {
        SplittableRandom rnd = new SplittableRandom(3);
        BisectEngine e = new BisectEngine(16, BisectEngine.Mode.CAUSE);
        BisectEngine.Estimate est = Bisector.run(e, l -> l >= 9 && rnd.nextDouble() < 0.1, 0.95, 12, s -> { });
        assertEquals(e.totalTrials(), 12);
        assertTrue(est.probability() < 0.95);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            names.add("L" + i);
        }
        assertTrue(est.describe(names).contains("between"), est.describe(names));
    }

    @Test
    public void theLowerBoundFallsWithP() {
        assertTrue(BisectBench.bound(1.0).trials() < BisectBench.bound(0.3).trials());
        assertEquals(BisectBench.bound(1.0).trials(), Math.log(15) / Math.log(2), 0.01, "p = 1: one bit per trial");
    }
}
