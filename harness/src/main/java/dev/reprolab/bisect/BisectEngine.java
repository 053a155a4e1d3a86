package dev.reprolab.bisect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bayesian bisection for flaky bugs over ordered cumulative levels {@code 0..n}. Level 0 is the known-good end and
 * level n the known-bad end (for a fix search the roles swap: level 0 is bad, level n good). The unknown is the
 * change point {@code c} in {@code 1..n} — the first level that differs from level 0 — and the repro probability
 * {@code p} on bad levels, which is integrated out over a grid with a uniform prior. Good levels never reproduce
 * (the classifier needs the whole hang signature, so false positives are not modelled).
 *
 * <p>Each step picks the level whose next trial has the largest expected information gain about {@code c} and
 * runs one trial there; the search stops when one change point holds the requested posterior probability or the
 * budget is spent, and then reports honestly what it knows (the most likely level, and the smallest run of levels
 * that holds the requested confidence). The engine is pure: feed it outcomes, ask for the next level; replaying
 * a journal's outcomes gives back exactly the same state (resume).
 */
public final class BisectEngine {

    /** Which change the search is for. */
    public enum Mode { CAUSE, FIX }

    static final int GRID = 64;

    private final int n;
    private final Mode mode;
    private final int[] trials;
    private final int[] hits;
    private final double[] pGrid = new double[GRID];

    /** @param levels number of levels including both ends (n + 1) */
    public BisectEngine(int levels, Mode mode) {
        if (levels < 2) {
            throw new IllegalArgumentException("need at least two levels");
        }
        this.n = levels - 1;
        this.mode = mode;
        this.trials = new int[levels];
        this.hits = new int[levels];
        for (int i = 0; i < GRID; i++) {
            pGrid[i] = (i + 0.5) / GRID;
        }
    }

    public int levels() {
        return n + 1;
    }

    /** Records one trial's outcome at a level. */
    public void record(int level, boolean reproduced) {
        trials[level]++;
        if (reproduced) {
            hits[level]++;
        }
    }

    public int trials(int level) {
        return trials[level];
    }

    public int hits(int level) {
        return hits[level];
    }

    public int totalTrials() {
        int t = 0;
        for (int x : trials) {
            t += x;
        }
        return t;
    }

    /** Whether a level is bad (reproduces) if the change is at {@code c}. */
    boolean bad(int level, int c) {
        return mode == Mode.CAUSE ? level >= c : level < c;
    }

    /** Hits and trials on the levels that are bad if the change is at c; null if a good level saw a hang. */
    private int[] badCounts(int c) {
        int k = 0;
        int m = 0;
        for (int l = 0; l <= n; l++) {
            if (bad(l, c)) {
                k += hits[l];
                m += trials[l];
            } else if (hits[l] > 0) {
                return null;
            }
        }
        return new int[] {k, m};
    }

    /** Posterior over the change point c = 1..n (index 0 unused). */
    public double[] posterior() {
        double[] post = new double[n + 1];
        double total = 0;
        for (int c = 1; c <= n; c++) {
            int[] km = badCounts(c);
            if (km == null) {
                continue;
            }
            int k = km[0];
            int m = km[1];
            double like = 0;
            for (double p : pGrid) {
                like += Math.exp(k * Math.log(p) + (m - k) * Math.log1p(-p));
            }
            post[c] = like / GRID;
            total += post[c];
        }
        if (total == 0) {
            throw new IllegalStateException("the observations contradict the model: a hang at a level that must be good");
        }
        for (int c = 1; c <= n; c++) {
            post[c] /= total;
        }
        return post;
    }

    /** The most likely change point and its probability. */
    public Estimate estimate(double confidence) {
        double[] post = posterior();
        int best = 1;
        for (int c = 2; c <= n; c++) {
            if (post[c] > post[best]) {
                best = c;
            }
        }
        // smallest contiguous run of change points around the best one holding the confidence
        int lo = best;
        int hi = best;
        double mass = post[best];
        while (mass < confidence && (lo > 1 || hi < n)) {
            double left = lo > 1 ? post[lo - 1] : -1;
            double right = hi < n ? post[hi + 1] : -1;
            if (left >= right) {
                mass += post[--lo];
            } else {
                mass += post[++hi];
            }
        }
        return new Estimate(best, post[best], lo, hi, mass);
    }

    /** The answer so far: most likely change level and its probability, and a credible run of levels. */
    public record Estimate(int level, double probability, int low, int high, double intervalMass) {

        public boolean decided(double confidence) {
            return probability >= confidence;
        }

        public String describe(List<String> names) {
            if (low == high) {
                return String.format(Locale.ROOT, "level %d (%s), confidence %.3f", level, names.get(level), probability);
            }
            return String.format(Locale.ROOT, "most likely level %d (%s) with %.3f; between %s and %s with %.3f",
                    level, names.get(level), probability, names.get(low), names.get(high), intervalMass);
        }
    }

    /** The level whose next trial is expected to tell the most about the change point. */
    public int next() {
        double[] post = posterior();
        double h0 = entropy(post);
        // E[p | c, data] per change point, for the predictive probability of a hit
        double[] pMean = new double[n + 1];
        for (int c = 1; c <= n; c++) {
            if (post[c] == 0) {
                continue;
            }
            int[] km = badCounts(c);
            pMean[c] = (km[0] + 1.0) / (km[1] + 2.0);
        }
        int best = -1;
        double bestGain = -1;
        for (int l = 0; l <= n; l++) {
            double pHit = 0;
            double[] ifHit = new double[n + 1];
            double[] ifMiss = new double[n + 1];
            for (int c = 1; c <= n; c++) {
                double q = bad(l, c) ? pMean[c] : 0;
                pHit += post[c] * q;
                ifHit[c] = post[c] * q;
                ifMiss[c] = post[c] * (1 - q);
            }
            double gain = h0 - (pHit * entropy(normalize(ifHit)) + (1 - pHit) * entropy(normalize(ifMiss)));
            if (gain > bestGain + 1e-12) {
                bestGain = gain;
                best = l;
            }
        }
        return best;
    }

    private static double[] normalize(double[] d) {
        double s = 0;
        for (double x : d) {
            s += x;
        }
        if (s == 0) {
            return d;
        }
        double[] o = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            o[i] = d[i] / s;
        }
        return o;
    }

    static double entropy(double[] d) {
        double h = 0;
        for (double x : d) {
            if (x > 0) {
                h -= x * Math.log(x) / Math.log(2);
            }
        }
        return h;
    }

    /** The levels tried so far with their counts, for the bisect log. */
    public List<String> table(List<String> names) {
        List<String> out = new ArrayList<>();
        double[] post = posterior();
        for (int l = 0; l <= n; l++) {
            out.add(String.format(Locale.ROOT, "%3d %-12s trials %3d hung %3d  P(change here) %.3f", l, names.get(l), trials[l], hits[l],
                    l == 0 ? 0.0 : post[l]));
        }
        return out;
    }
}
