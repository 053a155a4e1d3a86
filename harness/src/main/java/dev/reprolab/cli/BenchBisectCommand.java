package dev.reprolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.bisect.BisectBench;
import dev.reprolab.bisect.PoolBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab bench bisect}: this bisect vs. fixed repeats vs. single runs on a simulated flaky bug. */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = "Monte-Carlo benchmark of the bisect logic (no lab): 16 levels, flaky repro probability p.")
public final class BenchBisectCommand implements Callable<Integer> {

    @Option(names = "--runs", description = "bisects per method and p (default 1000)")
    int runs = 1000;

    @Option(names = "--seed")
    long seed = 1;

    @Option(names = "--confidence", description = "the adaptive bisect's stopping confidence (default 0.95, as lab bisect)")
    double confidence = 0.95;

    @Option(names = "--known-trials", description = "trials at the bad end known before the bisect, as the run that found "
            + "the bug leaves them; their hangs set the adaptive bisect's prior on p (default 20; 0: nothing known)")
    int knownTrials = 20;

    @Option(names = "--json", description = "one JSON document on stdout")
    boolean json;

    @Option(names = "--vms", paramLabel = "K", description = "the bisect on a pool of K VMs (trials and rounds, i.e. "
            + "wall-clock in trial times, per batch method) next to the sequential bisect; default 1: the method comparison")
    int vms = 1;

    @Option(names = "--p", split = ",", paramLabel = "P", description = "the repro probabilities to measure (default 0.1,0.3,0.6,1.0)")
    double[] ps = {0.1, 0.3, 0.6, 1.0};

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || confidence <= 0.5 || confidence >= 1 || knownTrials < 0) {
            throw new UsageException("--runs must be >= 1, --confidence in (0.5, 1) and --known-trials >= 0");
        }
        for (double p : ps) {
            if (!(p > 0 && p <= 1)) {
                throw new UsageException("--p: each repro probability must be in (0, 1], got " + p);
            }
        }
        if (vms < 1 || vms > 16) {
            throw new UsageException("--vms must be between 1 and 16");
        }
        if (vms > 1) {
            return pool(ps);
        }
        List<BisectBench.Row> rows = BisectBench.run(ps, runs, seed, confidence, knownTrials);
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("knownTrials", knownTrials).put("confidence", confidence).put("runs", runs);
            for (BisectBench.Row r : rows) {
                root.withArray("results").addObject().put("p", r.p()).put("method", r.method()).put("meanTrials", r.meanTrials())
                        .put("p95Trials", r.p95Trials()).put("accuracy", r.accuracy());
            }
            for (double p : ps) {
                root.withArray("bounds").addObject().put("p", p).put("trials", BisectBench.bound(p).trials());
            }
            System.out.println(m.writeValueAsString(root));
        } else {
            System.out.printf(java.util.Locale.ROOT, "%d bisects per method and p, 16 levels, stopping confidence %.2f; adaptive knows %s%n%n",
                    runs, confidence, knownTrials > 0 ? knownTrials + " earlier trials at the bad end (not counted)" : "nothing of p");
            System.out.print(BisectBench.table(rows));
            System.out.println();
            for (double p : ps) {
                System.out.printf(java.util.Locale.ROOT, "lower bound at p=%.2f: %.1f trials on average%n", p, BisectBench.bound(p).trials());
            }
        }
        return 0;
    }

    private int pool(double[] ps) throws Exception {
        List<PoolBench.Row> rows = PoolBench.run(ps, vms, runs, seed, confidence, knownTrials);
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("vms", vms).put("knownTrials", knownTrials).put("confidence", confidence).put("runs", runs);
            for (PoolBench.Row r : rows) {
                root.withArray("results").addObject().put("p", r.p()).put("method", r.method()).put("vms", r.vms())
                        .put("meanTrials", r.meanTrials()).put("meanRounds", r.meanRounds()).put("p95Rounds", r.p95Rounds())
                        .put("meanPreparations", r.meanPreparations()).put("accuracy", r.accuracy())
                        .put("accuracyLow", r.accuracyInterval().low()).put("accuracyHigh", r.accuracyInterval().high())
                        .put("meanClaimed", r.meanClaimed());
            }
            for (double p : ps) {
                double t = BisectBench.bound(p).trials();
                root.withArray("bounds").addObject().put("p", p).put("trials", t).put("rounds", t / vms);
            }
            System.out.println(m.writeValueAsString(root));
            return 0;
        }
        System.out.printf(java.util.Locale.ROOT, "%d bisects per method and p, 16 levels, stopping confidence %.2f, %s; "
                + "a round is one trial time%n%n", runs, confidence,
                knownTrials > 0 ? knownTrials + " earlier trials at the bad end known (not counted)" : "nothing of p known");
        System.out.print(PoolBench.table(rows));
        System.out.println();
        for (double p : ps) {
            double t = BisectBench.bound(p).trials();
            System.out.printf(java.util.Locale.ROOT, "lower bound at p=%.2f: %.1f trials, %.1f rounds on %d VMs%n", p, t, t / vms, vms);
        }
        return 0;
    }
}
