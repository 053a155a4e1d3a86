package dev.reprolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.bisect.BisectBench;
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

    @Option(names = "--confidence", description = "the adaptive bisect's stopping confidence (default 0.97)")
    double confidence = 0.97;

    @Option(names = "--json", description = "one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || confidence <= 0.5 || confidence >= 1) {
            throw new UsageException("--runs must be >= 1 and --confidence in (0.5, 1)");
        }
        double[] ps = {0.1, 0.3, 0.6, 1.0};
        List<BisectBench.Row> rows = BisectBench.run(ps, runs, seed, confidence);
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            for (BisectBench.Row r : rows) {
                root.withArray("results").addObject().put("p", r.p()).put("method", r.method()).put("meanTrials", r.meanTrials())
                        .put("p95Trials", r.p95Trials()).put("accuracy", r.accuracy());
            }
            for (double p : ps) {
                root.withArray("bounds").addObject().put("p", p).put("trials", BisectBench.bound(p).trials());
            }
            System.out.println(m.writeValueAsString(root));
        } else {
            System.out.print(BisectBench.table(rows));
            System.out.println();
            for (double p : ps) {
                System.out.printf(java.util.Locale.ROOT, "lower bound at p=%.2f: %.1f trials on average%n", p, BisectBench.bound(p).trials());
            }
        }
        return 0;
    }
}
