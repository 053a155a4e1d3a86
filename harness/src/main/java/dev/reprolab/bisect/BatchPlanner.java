package dev.reprolab.bisect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Chooses the level for a VM that has just become free while other VMs still run trials: the bisect on a pool.
 * The trials still running are part of the decision — their outcomes are unknown, so they are integrated out —
 * otherwise every free VM would pick the same level the sequential engine would, and k VMs would learn little more
 * than one.
 *
 * <p>{@link Method#GREEDY} maximises the expected information about the change point of the running trials plus
 * the new one, jointly: I(c; Y_running, Y_new). A trial at a level that duplicates a running one is worth less than
 * it would be alone, so the batch spreads out exactly as far as the posterior makes it worth it. {@link
 * Method#THOMPSON} samples a change point from the posterior per VM and tests whichever of its two sides (c − 1 or
 * c) is worth more; the samples spread the batch by themselves.
 *
 * <p>A VM keeps the levels it has prepared (a preparation installs updates and reboots: far longer than a trial),
 * so when one of them is worth at least {@code closeEnough} of the best level's information, the VM takes it.
 */
public final class BatchPlanner {

    /** How a batch is chosen. */
    public enum Method {
        GREEDY, THOMPSON;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A prepared level is preferred when its information is at least this share of the best level's. */
    public static final double CLOSE_ENOUGH = 0.9;

    private final Method method;
    private final double closeEnough;

    public BatchPlanner(Method method) {
        this(method, CLOSE_ENOUGH);
    }

    public BatchPlanner(Method method, double closeEnough) {
        this.method = method;
        this.closeEnough = closeEnough;
    }

    public Method method() {
        return method;
    }

    /**
     * The level the free VM should test next.
     *
     * @param running levels of the trials other VMs are running now
     * @param prepared levels this VM has prepared
     * @param seed for {@link Method#THOMPSON}'s draw (a function of the bisect's state, so a resumed bisect draws
     *             the same)
     */
    public int next(BisectEngine engine, Collection<Integer> running, Collection<Integer> prepared, long seed) {
        double[][] joint = engine.joint();
        int n = engine.levels() - 1;
        double before = expectedEntropy(engine, joint, new ArrayList<>(running));
        double[] gain = new double[n + 1];
        for (int l = 0; l <= n; l++) {
            List<Integer> with = new ArrayList<>(running);
            with.add(l);
            gain[l] = before - expectedEntropy(engine, joint, with);
        }
        int best = method == Method.GREEDY ? argmax(gain, 0, n) : thompson(engine, joint, gain, seed);
        int bestPrepared = -1;
        for (int l : prepared) {
            if (l >= 0 && l <= n && (bestPrepared < 0 || gain[l] > gain[bestPrepared] + 1e-12)) {
                bestPrepared = l;
            }
        }
        return bestPrepared >= 0 && gain[bestPrepared] >= closeEnough * gain[best] ? bestPrepared : best;
    }

    private static int argmax(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (v[i] > v[best] + 1e-12) {
                best = i;
            }
        }
        return best;
    }

    private static int thompson(BisectEngine engine, double[][] joint, double[] gain, long seed) {
        int n = engine.levels() - 1;
        double u = new SplittableRandom(seed).nextDouble();
        int c = n;
        double acc = 0;
        for (int x = 1; x <= n; x++) {
            if (joint[x] == null) {
                continue;
            }
            for (double v : joint[x]) {
                acc += v;
            }
            if (u < acc) {
                c = x;
                break;
            }
        }
        return gain[c - 1] > gain[c] + 1e-12 ? c - 1 : c;
    }

    /**
     * E[H(c | outcomes of trials at {@code levels})] in bits. Given c, a trial at a good level is clean and a trial
     * at a bad level hits with the unknown p, so an outcome vector's likelihood depends only on the first hit (in the
     * order in which levels turn bad) and the number of hits: the sum runs over those classes, not all 2^m vectors.
     */
    static double expectedEntropy(BisectEngine engine, double[][] joint, List<Integer> levels) {
        return overOutcomes(engine, joint, levels, BatchPlanner::classEntropy);
    }

    /**
     * The chance that the outcomes of the trials at {@code levels} alone leave one change point at least
     * {@code confidence} likely. When the trials already running will probably decide the bisect, another trial is
     * mostly waste: it is started only if they probably will not.
     */
    public static double chanceDecided(BisectEngine engine, List<Integer> levels, double confidence) {
        return overOutcomes(engine, engine.joint(), levels, (w, firstBad, n, firstHit, hits) -> {
            double py = 0;
            double max = 0;
            for (int c = 1; c <= n; c++) {
                if (possible(w, firstBad, c, firstHit)) {
                    py += w[c][hits];
                    max = Math.max(max, w[c][hits]);
                }
            }
            return py > 0 && max >= confidence * py ? py : 0;
        });
    }

    /** A function of one outcome vector of a class (first hit position, hits), weighted by its probability. */
    private interface ClassTerm {
        double of(double[][] w, int[] firstBad, int n, int firstHit, int hits);
    }

    private static boolean possible(double[][] w, int[] firstBad, int c, int firstHit) {
        return w[c] != null && (firstHit < 0 || firstHit >= firstBad[c]);
    }

    /** Sums a class term over every outcome vector of trials at {@code levels}, class by class. */
    private static double overOutcomes(BisectEngine engine, double[][] joint, List<Integer> levels, ClassTerm term) {
        int n = engine.levels() - 1;
        int m = levels.size();
        // order in which levels turn bad as c moves: ascending for a cause search, descending for a fix search
        List<Integer> s = new ArrayList<>(levels);
        s.sort(engine.mode() == BisectEngine.Mode.CAUSE ? Integer::compare : (a, b) -> Integer.compare(b, a));
        int grid = BisectEngine.GRID;
        int[] firstBad = new int[n + 1];
        // w[c][h]: sum over p of J(c, p) p^h (1 - p)^(bad trials - h)
        double[][] w = new double[n + 1][];
        double[] q = new double[grid];
        double[] r = new double[grid];
        for (int c = 1; c <= n; c++) {
            if (joint[c] == null) {
                continue;
            }
            int fb = m;
            for (int i = 0; i < m; i++) {
                if (engine.bad(s.get(i), c)) {
                    fb = i;
                    break;
                }
            }
            firstBad[c] = fb;
            int b = m - fb;
            w[c] = new double[m + 1];
            for (int i = 0; i < grid; i++) {
                double p = engine.p(i);
                q[i] = joint[c][i];
                r[i] = p / (1 - p);
                for (int k = 0; k < b; k++) {
                    q[i] *= 1 - p;
                }
            }
            for (int h = 0; h <= b; h++) {
                double sum = 0;
                for (int i = 0; i < grid; i++) {
                    sum += q[i];
                    q[i] *= r[i];
                }
                w[c][h] = sum;
            }
        }
        double total = term.of(w, firstBad, n, -1, 0);
        for (int j = 0; j < m; j++) {
            double ways = 1;
            for (int h = 1; h <= m - j; h++) {
                // h hits, the first at position j: C(m - 1 - j, h - 1) vectors with the same likelihood
                total += ways * term.of(w, firstBad, n, j, h);
                ways = ways * (m - j - h) / h;
            }
        }
        return total;
    }

    /** Sum over c of -P(y, c) log P(y | c-free) terms for one outcome vector of a class: P(y) H(c | y). */
    private static double classEntropy(double[][] w, int[] firstBad, int n, int firstHit, int hits) {
        double py = 0;
        double plogp = 0;
        for (int c = 1; c <= n; c++) {
            double x = possible(w, firstBad, c, firstHit) ? w[c][hits] : 0;
            if (x > 0) {
                py += x;
                plogp += x * Math.log(x);
            }
        }
        if (py <= 0) {
            return 0;
        }
        return (py * Math.log(py) - plogp) / Math.log(2);
    }
}
