package dev.reprolab.bisect;

import java.util.function.IntPredicate;

/**
 * The bisects people use today, for the benchmark. {@code oracle.test(level)} runs one trial and says whether the
 * bug showed. Both search for the first bad level between a known-good level 0 and a known-bad level n.
 */
public final class Baselines {

    private Baselines() {
    }

    /** Result of a baseline run: the level it named and the trials it spent. */
    public record Outcome(int level, int trials) {
    }

    /** git bisect / mozregression / ktest: one run per step, bad on the first reproduction. */
    public static Outcome singleRun(int levels, IntPredicate oracle) {
        int good = 0;
        int bad = levels - 1;
        int trials = 0;
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            trials++;
            if (oracle.test(mid)) {
                bad = mid;
            } else {
                good = mid;
            }
        }
        return new Outcome(bad, trials);
    }

    /**
     * syzbot-style fixed repeats: 10 runs per step, bad when at least 2 reproduce; once any step has looked flaky
     * (some but not all runs reproduced), 20 runs per step from then on.
     */
    public static Outcome fixedRepeat(int levels, IntPredicate oracle) {
        int good = 0;
        int bad = levels - 1;
        int trials = 0;
        int runs = 10;
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            int hits = 0;
            for (int i = 0; i < runs; i++) {
                trials++;
                if (oracle.test(mid)) {
                    hits++;
                }
            }
            if (hits > 0 && hits < runs) {
                runs = 20;
            }
            if (hits >= 2) {
                bad = mid;
            } else {
                good = mid;
            }
        }
        return new Outcome(bad, trials);
    }
}
