package dev.reprolab.cli;

import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.run.LabBisect;
import dev.reprolab.run.LabRun;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab bisect SCENARIO --good LEVEL --bad LEVEL [--find-fix]}. */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = "Find the update that broke (or, with --find-fix, fixed) it over the scenario's cumulative levels.")
public final class BisectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO")
    Path scenarioFile;

    @Option(names = "--good", required = true, description = "a good level: 'base' or an update of the level list")
    String good;

    @Option(names = "--bad", required = true, description = "a bad level: 'base' or an update of the level list")
    String bad;

    @Option(names = "--find-fix", description = "search for the first good level after the bad one")
    boolean findFix;

    @Option(names = "--confidence")
    Double confidence;

    @Option(names = "--budget", description = "maximum counted trials")
    Integer budget;

    @Option(names = "--rate", paramLabel = "HANGS/TRIALS", description = "what the bad end showed in an earlier run: "
            + "lab compare's hung/trials for the cell the bisect runs in (first load, first netstat interval other than off), "
            + "e.g. 7/7; the prior on the repro probability. Without it the bisect assumes nothing of it")
    String rate;

    @Option(names = "--max-infra", paramLabel = "N", description = "infrastructure errors retried per level, each on another "
            + "VM where there is one (default 3); one more ends the bisect undecided (exit 3)")
    int maxInfra = 3;

    @picocli.CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    @Option(names = "--load", paramLabel = "NAME", description = "the load level the trials run under (default: the scenario's first)")
    String loadName;

    @Option(names = "--netstat", paramLabel = "INTERVAL", description = "the netstat polling interval of the trials, or off "
            + "(default: the scenario's first other than off)")
    String netstatInterval;

    @Option(names = "--guests", paramLabel = "N", description = "simulated lab: pool size (default: the scenario's lab.guests)")
    Integer guests;

    @Option(names = "--resume", paramLabel = "RUN_DIR")
    Path resume;

    @Override
    public Integer call() {
        Scenario s = ScenarioLoader.load(scenarioFile);
        Scenario.Bisect b = s.bisect().orElseThrow(() -> new UsageException(scenarioFile + ": no 'bisect' section (levels to bisect over)"));
        Catalog catalog = Catalog.load(s.updates().catalog());
        List<String> names = LabBisect.names(catalog.levels(b.levels()));
        int g = index(names, good, "--good");
        int x = index(names, bad, "--bad");
        if (!findFix && g >= x) {
            throw new UsageException("--good " + good + " must come before --bad " + bad + " in level list " + b.levels());
        }
        if (findFix && x >= g) {
            throw new UsageException("with --find-fix, --bad " + bad + " must come before --good " + good + " in level list " + b.levels());
        }
        BisectEngine.RatePrior prior = null;
        if (rate != null) {
            try {
                prior = BisectEngine.RatePrior.parse(rate);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--rate: " + e.getMessage());
            }
        }
        Scenario.Load load = loadName == null ? s.loads().get(0) : s.loads().stream().filter(l -> l.name().equals(loadName))
                .findFirst().orElseThrow(() -> new UsageException("--load " + loadName + " is not a load level of " + scenarioFile + " (have "
                        + s.loads().stream().map(Scenario.Load::name).toList() + ")"));
        java.util.Optional<java.time.Duration> netstat = netstatInterval == null
                ? s.netstatIntervals().stream().filter(d -> !d.isZero()).findFirst()
                : netstatInterval.equals("off") ? java.util.Optional.empty()
                : java.util.Optional.of(dev.reprolab.lab.config.Durations.parse(scenarioFile, netstatInterval));
        if (maxInfra < 0) {
            throw new UsageException("--max-infra must be >= 0");
        }
        if (resume != null && !Files.isRegularFile(resume.resolve("journal.jsonl"))) {
            throw new UsageException(resume + ": not a run directory (no journal.jsonl)");
        }
        if (confidence != null && !(confidence > 0.5 && confidence < 1)) {
            throw new UsageException("--confidence must be between 0.5 and 1 (both excluded), got " + confidence);
        }
        if (budget != null && budget < 2) {
            throw new UsageException("--budget must be at least 2 trials, got " + budget);
        }
        labOptions.validate(s, null);
        Path fresh = LabRun.newRunDir(labOptions.out, s, Clock.systemUTC());
        Path runDir = resume != null ? resume : fresh.resolveSibling(fresh.getFileName() + (findFix ? "-find-fix" : "-bisect"));
        System.out.println("run directory: " + runDir);
        try (LabBackend l = labOptions.open(s, guests, runDir.getFileName().toString())) {
            double conf = confidence != null ? confidence : b.confidence();
            LabBisect.Result r = new LabBisect(s, l, runDir, Clock.systemUTC(), System.out::println).inCell(load, netstat)
                    .run(Math.min(g, x), Math.max(g, x), findFix ? BisectEngine.Mode.FIX : BisectEngine.Mode.CAUSE, conf,
                            budget != null ? budget : b.budget(), prior, maxInfra);
            return r.decided() ? Main.EXIT_OK : Main.EXIT_INFRA;
        }
    }

    private static int index(List<String> names, String level, String option) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(level)) {
                return i;
            }
        }
        throw new UsageException(option + " " + level + " is not a level (have " + names + ")");
    }
}
