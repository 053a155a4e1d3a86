package dev.reprolab.bisect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bayesian bisection for flaky bugs over ordered cumulative levels {@code 0..n}. Level 0 is the known-good end and
 * level n the known-bad end (for a fix search the roles swap: level 0 is bad, level n good). The unknown is the
 * change point {@code c} in {@code 1..n} — the first level that differs from level 0 — and the repro probability
 * {@code p} on bad levels, which is integrated out over a grid. Its prior is uniform unless the bad end's rate was
 * measured before the bisect (the run that found the bug leaves it, e.g. 14 hangs in 21 trials): then the prior is
 * what those trials say, Beta(1 + hangs, 1 + clean). Good levels never reproduce (the classifier needs the whole
 * hang signature, so false positives are not modelled).
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

    /**
     * The prior on the repro probability of a bad level, Beta(alpha, beta) on the grid. {@link #UNIFORM} knows nothing;
     * {@link #measured} is what earlier trials at the bad end showed.
     */
    public record RatePrior(double alpha, double beta) {

        public static final RatePrior UNIFORM = new RatePrior(1, 1);

        public RatePrior {
            if (!(alpha > 0 && beta > 0 && Double.isFinite(alpha) && Double.isFinite(beta))) {
                throw new IllegalArgumentException("a Beta prior needs alpha > 0 and beta > 0");
            }
        }

        /** The posterior of a uniform prior after {@code hangs} hangs in {@code trials} counted trials at a bad level. */
        public static RatePrior measured(int hangs, int trials) {
            if (trials < 0 || hangs < 0 || hangs > trials) {
                throw new IllegalArgumentException("need 0 <= hangs <= trials, got " + hangs + "/" + trials);
            }
            return new RatePrior(1 + hangs, 1 + trials - hangs);
        }

        /** Parses {@code HANGS/TRIALS}, e.g. {@code 14/21}. */
        public static RatePrior parse(String text) {
            String[] parts = text.trim().split("/", -1);
            try {
                if (parts.length == 2) {
                    int hangs = Integer.parseInt(parts[0].trim());
                    int trials = Integer.parseInt(parts[1].trim());
                    if (hangs == 0) {
                        throw new IllegalArgumentException("0 hangs in " + trials + " trials: that end is not shown to be bad");
                    }
                    return measured(hangs, trials);
                }
            } catch (NumberFormatException e) {
                // falls through to the common message
            }
            throw new IllegalArgumentException("'" + text + "' is not HANGS/TRIALS (e.g. 14/21)");
        }

        /** Whether earlier trials saw the bad end hang, so it needs no check of its own. */
        public boolean showsBadEnd() {
            return alpha > 1;
        }

        public String describe() {
            return alpha == 1 && beta == 1 ? "uniform (nothing known)"
                    : String.format(Locale.ROOT, "Beta(%.0f, %.0f): %.0f hangs in %.0f earlier trials at the bad end", alpha, beta,
                            alpha - 1, alpha + beta - 2);
        }
    }

    private final int n;
    private final Mode mode;
    private final int[] trials;
    private final int[] hits;
    private final double[] pGrid = new double[GRID];
    private final double[] logPrior = new double[GRID];
    private final RatePrior prior;

    /** @param levels number of levels including both ends (n + 1) */
    public BisectEngine(int levels, Mode mode) {
        this(levels, mode, RatePrior.UNIFORM);
    }

    public BisectEngine(int levels, Mode mode, RatePrior prior) {
        if (levels < 2) {
            throw new IllegalArgumentException("need at least two levels");
        }
        this.n = levels - 1;
        this.mode = mode;
        this.prior = prior;
        this.trials = new int[levels];
        this.hits = new int[levels];
        for (int i = 0; i < GRID; i++) {
            pGrid[i] = (i + 0.5) / GRID;
            logPrior[i] = (prior.alpha() - 1) * Math.log(pGrid[i]) + (prior.beta() - 1) * Math.log1p(-pGrid[i]);
        }
    }

    public int levels() {
        return n + 1;
    }

    /** The level known to reproduce: the last for a cause search, the first for a fix search. */
    public int badEnd() {
        return mode == Mode.CAUSE ? n : 0;
    }

    public RatePrior prior() {
        return prior;
    }

    public Mode mode() {
        return mode;
    }

    /** The grid point {@code i} of the repro probability (for the batch planner). */
    double p(int i) {
        return pGrid[i];
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

    /** The joint posterior over (change point c = 1..n, grid index of p); row 0 unused, impossible rows null. */
    double[][] joint() {
        double[][] j = new double[n + 1][];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 1; c <= n; c++) {
            int[] km = badCounts(c);
            if (km == null) {
                continue;
            }
            j[c] = new double[GRID];
            for (int i = 0; i < GRID; i++) {
                j[c][i] = logPrior[i] + km[0] * Math.log(pGrid[i]) + (km[1] - km[0]) * Math.log1p(-pGrid[i]);
                max = Math.max(max, j[c][i]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("the observations contradict the model: a hang at a level that must be good");
        }
        double total = 0;
        for (int c = 1; c <= n; c++) {
            if (j[c] != null) {
                for (int i = 0; i < GRID; i++) {
                    j[c][i] = Math.exp(j[c][i] - max);
                    total += j[c][i];
                }
            }
        }
        for (int c = 1; c <= n; c++) {
            if (j[c] != null) {
                for (int i = 0; i < GRID; i++) {
                    j[c][i] /= total;
                }
            }
        }
        return j;
    }

    /** Posterior over the change point c = 1..n (index 0 unused). */
    public double[] posterior() {
        double[][] j = joint();
        double[] post = new double[n + 1];
        for (int c = 1; c <= n; c++) {
            if (j[c] != null) {
                for (double x : j[c]) {
                    post[c] += x;
                }
            }
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

    /**
     * The level whose next trial is expected to tell the most about the change point: the one that leaves the least
     * expected entropy of c. (Looking two trials ahead, a joint (c, p) entropy, the expected chance of error and
     * rollouts of whole bisects were all tried in the benchmark and none needed fewer trials.)
     */
    public int next() {
        double[][] j = joint();
        // per change point: P(c) and E[p; c] = sum_i J[c][i] p_i, enough for a single trial's outcome
        double[] mass = new double[n + 1];
        double[] hitMass = new double[n + 1];
        for (int c = 1; c <= n; c++) {
            if (j[c] != null) {
                for (int i = 0; i < GRID; i++) {
                    mass[c] += j[c][i];
                    hitMass[c] += j[c][i] * pGrid[i];
                }
            }
        }
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        double[] ifHit = new double[n + 1];
        double[] ifClean = new double[n + 1];
        for (int l = 0; l <= n; l++) {
            double pHit = 0;
            for (int c = 1; c <= n; c++) {
                ifHit[c] = bad(l, c) ? hitMass[c] : 0;
                ifClean[c] = mass[c] - ifHit[c];
                pHit += ifHit[c];
            }
            double value = pHit * entropy(normalize(ifHit)) + (1 - pHit) * entropy(normalize(ifClean));
            if (value < bestValue - 1e-12) {
                bestValue = value;
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
