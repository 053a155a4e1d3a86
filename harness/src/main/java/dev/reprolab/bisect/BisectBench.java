package dev.reprolab.bisect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Monte-Carlo comparison of bisect strategies on a simulated flaky bug: 16 ordered levels, the first bad level
 * uniform in 1..15, each trial on a bad level reproducing with probability p, good levels never.
 *
 * <p>Methods: {@code adaptive} is this bisect as it runs after the run that found the bug, which leaves
 * {@code knownTrials} trials at the bad end (their hangs set the prior on p; they are not counted, every method
 * has them and only this one uses them); {@code adaptive-uninformed} is the same bisect knowing nothing of p;
 * {@code fixed-repeat} and {@code single-run} are {@link Baselines}.
 */
public final class BisectBench {

    public static final int LEVELS = 16;

    /** One method at one p. */
    public record Row(double p, String method, double meanTrials, int p95Trials, double accuracy) {
    }

    /** The information-theoretic floor on mean trials at p. */
    public record Bound(double p, double trials) {
    }

    private BisectBench() {
    }

    public static List<Row> run(double[] ps, int runs, long seed, double confidence, int knownTrials) {
        List<Row> rows = new ArrayList<>();
        List<String> methods = knownTrials > 0 ? List.of("adaptive", "adaptive-uninformed", "fixed-repeat", "single-run")
                : List.of("adaptive", "fixed-repeat", "single-run");
        for (double p : ps) {
            for (String method : methods) {
                int[] trials = new int[runs];
                boolean[] right = new boolean[runs];
                IntStream.range(0, runs).parallel().forEach(i -> {
                    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i * 7919L + (long) (p * 1000));
                    int change = 1 + rnd.nextInt(LEVELS - 1);
                    int knownHangs = 0;
                    for (int k = 0; k < knownTrials; k++) {
                        knownHangs += rnd.nextDouble() < p ? 1 : 0;
                    }
                    int[] used = new int[1];
                    Bisector.Oracle oracle = level -> {
                        used[0]++;
                        return level >= change && rnd.nextDouble() < p;
                    };
                    int found;
                    switch (method) {
                        case "adaptive", "adaptive-uninformed" -> {
                            BisectEngine.RatePrior prior = method.equals("adaptive") && knownTrials > 0
                                    ? BisectEngine.RatePrior.measured(knownHangs, knownTrials) : BisectEngine.RatePrior.UNIFORM;
                            BisectEngine e = new BisectEngine(LEVELS, BisectEngine.Mode.CAUSE, prior);
                            found = Bisector.run(e, oracle, confidence, 2000, s -> { }).level();
                        }
                        case "fixed-repeat" -> found = Baselines.fixedRepeat(LEVELS, oracle::reproduces).level();
                        default -> found = Baselines.singleRun(LEVELS, oracle::reproduces).level();
                    }
                    trials[i] = used[0];
                    right[i] = found == change;
                });
                int[] sorted = trials.clone();
                Arrays.sort(sorted);
                double mean = Arrays.stream(trials).average().orElse(0);
                long ok = IntStream.range(0, runs).filter(i -> right[i]).count();
                rows.add(new Row(p, method, mean, sorted[(int) Math.ceil(0.95 * runs) - 1], (double) ok / runs));
            }
        }
        return rows;
    }

    /**
     * log2(15) bits must be learned; one trial at a level that is bad with prior probability q yields at most
     * I = H(q·p) − q·H(p) bits (a hit needs the level bad and the dice; a clean run from a bad level is the noise).
     * The best single trial maximises I over q, so no strategy can average fewer than log2(15) / max_q I trials.
     */
    public static Bound bound(double p) {
        double best = 0;
        for (int i = 1; i < 10_000; i++) {
            double q = i / 10_000.0;
            best = Math.max(best, h(q * p) - q * h(p));
        }
        return new Bound(p, Math.log(LEVELS - 1) / Math.log(2) / best);
    }

    static double h(double x) {
        if (x <= 0 || x >= 1) {
            return 0;
        }
        return -(x * Math.log(x) + (1 - x) * Math.log(1 - x)) / Math.log(2);
    }

    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5s  %-19s %11s %10s %9s%n", "p", "method", "mean trials", "p95 trials", "accuracy"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%5.2f  %-19s %11.1f %10d %8.1f%%%n", r.p(), r.method(), r.meanTrials(), r.p95Trials(), 100 * r.accuracy()));
        }
        return b.toString();
    }
}
