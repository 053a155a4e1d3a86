package dev.reprolab.bisect;

import dev.reprolab.journal.Outcome;
import dev.reprolab.stats.Proportion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The bisect on a pool of k VMs against the sequential one, on the same simulated flaky bug as {@link BisectBench}
 * (16 levels, first bad level uniform, repro probability p, the bad end's earlier trials known). Trials take equal
 * time, so the pool works in rounds: every free VM gets a level from {@link PoolBisect} given what the others run,
 * then all finish. Rounds are wall-clock in trial times; preparations are (VM, level) pairs that had to be prepared.
 */
public final class PoolBench {

    /** One method at one p: {@code vms} = 1 is the sequential bisect, where rounds equal trials. */
    public record Row(double p, String method, int vms, double meanTrials, double meanRounds, int p95Rounds,
                      double meanPreparations, double accuracy, int runs, double meanClaimed) {

        /** The accuracy's own Wilson 95 % interval: how far the estimate itself may be off after {@code runs} bisects. */
        public Proportion accuracyInterval() {
            return Proportion.wilson((int) Math.round(accuracy * runs), runs);
        }
    }

    private PoolBench() {
    }

    public static List<Row> run(double[] ps, int vms, int runs, long seed, double confidence, int knownTrials) {
        List<Row> rows = new ArrayList<>();
        for (double p : ps) {
            rows.add(measure(p, "sequential", 1, null, runs, seed, confidence, knownTrials));
            for (BatchPlanner.Method m : BatchPlanner.Method.values()) {
                rows.add(measure(p, m.label(), vms, m, runs, seed, confidence, knownTrials));
            }
        }
        return rows;
    }

    private static Row measure(double p, String name, int vms, BatchPlanner.Method method, int runs, long seed,
                               double confidence, int knownTrials) {
        int[] trials = new int[runs];
        int[] rounds = new int[runs];
        int[] preps = new int[runs];
        boolean[] right = new boolean[runs];
        double[] claimed = new double[runs];
        IntStream.range(0, runs).parallel().forEach(i -> {
            // same seeds as BisectBench: the same bugs and the same earlier trials for every method
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i * 7919L + (long) (p * 1000));
            int change = 1 + rnd.nextInt(BisectBench.LEVELS - 1);
            int knownHangs = 0;
            for (int k = 0; k < knownTrials; k++) {
                knownHangs += rnd.nextDouble() < p ? 1 : 0;
            }
            BisectEngine.RatePrior prior = knownTrials > 0 ? BisectEngine.RatePrior.measured(knownHangs, knownTrials)
                    : BisectEngine.RatePrior.UNIFORM;
            BisectEngine e = new BisectEngine(BisectBench.LEVELS, BisectEngine.Mode.CAUSE, prior);
            int[] out = method == null ? sequential(e, change, p, rnd, confidence) : pool(e, method, vms, change, p, rnd, confidence);
            trials[i] = e.totalTrials();
            rounds[i] = out[0];
            preps[i] = out[1];
            BisectEngine.Estimate est = e.estimate(confidence);
            right[i] = est.level() == change;
            claimed[i] = est.probability();
        });
        int[] sorted = rounds.clone();
        Arrays.sort(sorted);
        return new Row(p, name, vms, Arrays.stream(trials).average().orElse(0), Arrays.stream(rounds).average().orElse(0),
                sorted[(int) Math.ceil(0.95 * runs) - 1], Arrays.stream(preps).average().orElse(0),
                (double) IntStream.range(0, runs).filter(i -> right[i]).count() / runs, runs, Arrays.stream(claimed).average().orElse(0));
    }

    private static int[] sequential(BisectEngine e, int change, double p, SplittableRandom rnd, double confidence) {
        Set<Integer> prepared = new HashSet<>();
        Bisector.run(e, level -> {
            prepared.add(level);
            return level >= change && rnd.nextDouble() < p;
        }, confidence, 2000, s -> { });
        return new int[] {e.totalTrials(), prepared.size()};
    }

    private static int[] pool(BisectEngine e, BatchPlanner.Method method, int k, int change, double p, SplittableRandom rnd,
                              double confidence) {
        List<String> vms = IntStream.range(0, k).mapToObj(v -> "vm" + v).toList();
        PoolBisect pb = new PoolBisect(e, new BatchPlanner(method), vms, confidence, 2000, 3);
        pb.checkEnds();
        Map<String, Set<Integer>> prepared = new TreeMap<>();
        vms.forEach(v -> prepared.put(v, new HashSet<>()));
        int rounds = 0;
        int preps = 0;
        while (!pb.over()) {
            List<int[]> batch = new ArrayList<>();
            for (int v = 0; v < k; v++) {
                OptionalInt l = pb.dispatch(vms.get(v), prepared.get(vms.get(v)));
                if (l.isPresent()) {
                    batch.add(new int[] {v, l.getAsInt()});
                    if (prepared.get(vms.get(v)).add(l.getAsInt())) {
                        preps++;
                    }
                }
            }
            if (batch.isEmpty()) {
                throw new IllegalStateException("the pool bisect is neither over nor starting a trial");
            }
            rounds++;
            for (int[] b : batch) {
                boolean hit = b[1] >= change && rnd.nextDouble() < p;
                pb.finished(vms.get(b[0]), b[1], hit ? Outcome.HUNG : Outcome.STOPPED_CLEANLY, "");
            }
        }
        return new int[] {rounds, preps};
    }

    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5s  %-11s %4s %11s %11s %10s %12s %9s %15s %8s%n",
                "p", "method", "vms", "mean trials", "mean rounds", "p95 rounds", "preparations", "accuracy", "its 95% interval",
                "claimed"));
        for (Row r : rows) {
            Proportion ci = r.accuracyInterval();
            b.append(String.format(Locale.ROOT, "%5.2f  %-11s %4d %11.1f %11.1f %10d %12.1f %8.1f%% %6.1f%%-%5.1f%% %7.1f%%%n", r.p(),
                    r.method(), r.vms(), r.meanTrials(), r.meanRounds(), r.p95Rounds(), r.meanPreparations(), 100 * r.accuracy(),
                    100 * ci.low(), 100 * ci.high(), 100 * r.meanClaimed()));
        }
        return b.toString();
    }
}
