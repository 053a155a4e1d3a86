package dev.reprolab.run;

import dev.reprolab.journal.Outcome;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.stats.EarlyStop;
import dev.reprolab.stats.Verdict;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Cells that stop when decided against a fixed N, on a scenario's cells with given true repro rates (a finished
 * run's): the scenario's plan is handed out by the same {@link CellQueue} {@code lab run} uses, one trial at a time,
 * each outcome drawn from its cell's rate. Reports the trials each cell took and how often its verdict is the one
 * the fixed N gives.
 */
public final class CellBench {

    /** One cell: its rate, mean trials with the early stop, and agreement with the fixed-N verdict. */
    public record Row(String patchSet, String cell, double rate, int fixed, double meanTrials, double sameVerdict) {
    }

    private CellBench() {
    }

    public static List<Row> run(Scenario s, Map<String, Double> rates, double rateWidth, int runs, long seed) {
        List<TrialSpec> plan = RunPlan.of(s, s.trials()).trials();
        EarlyStop rule = new EarlyStop(s.minRate(), rateWidth);
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (TrialSpec t : plan) {
            acc.putIfAbsent(CellQueue.key(t), new double[2]);
        }
        for (int r = 0; r < runs; r++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + r);
            CellQueue q = new CellQueue(plan, Set.of(), Map.of(), s.trials(), rule);
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (TrialSpec t; (t = q.take(null, Set.of())) != null; ) {
                boolean hit = rnd.nextDouble() < rates.getOrDefault(CellQueue.key(t), 0.0);
                q.done(t, new StopCycle.Result(hit ? Outcome.HUNG : Outcome.STOPPED_CLEANLY, "", Duration.ZERO, List.of(), List.of()));
                int[] c = counts.computeIfAbsent(CellQueue.key(t), k -> new int[2]);
                c[0] += hit ? 1 : 0;
                c[1]++;
            }
            for (var e : acc.entrySet()) {
                int[] c = counts.getOrDefault(e.getKey(), new int[2]);
                e.getValue()[0] += c[1];
                // the verdict a fixed N gives: reproduces if any of N trials hangs (chance 1 - (1 - rate)^N)
                double rate = rates.getOrDefault(e.getKey(), 0.0);
                double pReproducesFixed = 1 - Math.pow(1 - rate, s.trials());
                boolean reproduces = Verdict.of(c[0], c[1], s.minRate()) == Verdict.REPRODUCES;
                e.getValue()[1] += reproduces ? pReproducesFixed : 1 - pReproducesFixed;
            }
        }
        List<Row> rows = new ArrayList<>();
        acc.forEach((k, v) -> rows.add(new Row(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1),
                rates.getOrDefault(k, 0.0), s.trials(), v[0] / runs, v[1] / runs)));
        return rows;
    }

    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-18s %-24s %6s %7s %12s %13s%n", "patch set", "cell", "rate",
                "fixed N", "when-decided", "same verdict"));
        double fixed = 0;
        double early = 0;
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-18s %-24s %5.0f%% %7d %12.1f %12.1f%%%n", r.patchSet(), r.cell(), 100 * r.rate(), r.fixed(),
                    r.meanTrials(), 100 * r.sameVerdict()));
            fixed += r.fixed();
            early += r.meanTrials();
        }
        b.append(String.format(Locale.ROOT, "%ntotal: %.0f trials with a fixed N, %.1f when decided (%.0f %% saved, freed trials "
                + "spent on cells still undecided)%n", fixed, early, 100 * (1 - early / fixed)));
        return b.toString();
    }
}
