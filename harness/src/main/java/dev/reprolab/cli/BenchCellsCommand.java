package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.report.RunData;
import dev.reprolab.run.CellBench;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.stats.EarlyStop;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab bench cells SCENARIO --rates RUN_DIR}: trials a when-decided stop saves against a fixed N per cell. */
@Command(name = "cells", mixinStandardHelpOptions = true,
        description = "Cells that stop when decided vs a fixed N trials, on a scenario's cells with a finished run's rates (no lab).")
public final class BenchCellsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO")
    Path scenarioFile;

    @Option(names = "--rates", paramLabel = "RUN_DIR", required = true, description = "a finished run whose observed rates are taken as true")
    Path rates;

    @Option(names = "--rate-width", description = "the interval width a reproducing cell stops at (default: the scenario's, else 0.3)")
    Double rateWidth;

    @Option(names = "--runs", description = "simulated runs (default 2000)")
    int runs = 2000;

    @Option(names = "--seed")
    long seed = 1;

    @Override
    public Integer call() {
        Scenario s = ScenarioLoader.load(scenarioFile);
        RunData run = RunData.read(rates);
        if (run.cells().isEmpty()) {
            throw new UsageException(rates + ": no results.json with cells");
        }
        if (runs < 1) {
            throw new UsageException("--runs must be >= 1");
        }
        Map<String, Double> r = new HashMap<>();
        for (JsonNode c : run.cells()) {
            int n = c.path("trials").asInt();
            r.put(c.path("patchSet").asText() + "|" + c.path("cell").asText(), n == 0 ? 0 : (double) c.path("reproduced").asInt() / n);
        }
        double width = rateWidth != null ? rateWidth : s.earlyStop().map(EarlyStop::rateWidth).orElse(EarlyStop.DEFAULT_RATE_WIDTH);
        System.out.printf(java.util.Locale.ROOT, "%d simulated runs of %s, fixed N = %d vs stop when decided (minRate %.2f, rate "
                + "interval narrower than %.2f); true rates from %s%n%n", runs, scenarioFile, s.trials(), s.minRate(), width, rates);
        System.out.print(CellBench.table(CellBench.run(s, r, width, runs, seed)));
        return 0;
    }
}
