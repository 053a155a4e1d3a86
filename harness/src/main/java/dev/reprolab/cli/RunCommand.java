package dev.reprolab.cli;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.LabBackends;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.run.LabRun;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab run SCENARIO}: the product's main job. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario's stop-cycle trials on a lab (the simulated lab by default).")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML (see scenarios/)")
    Path scenarioFile;

    @Option(names = "--lab", description = "lab backend: sim (default from the scenario), hyperv, azure")
    String lab;

    @Option(names = "--lab-config", paramLabel = "FILE", description = "lab config for hyperv/azure")
    Path labConfig;

    @Option(names = "--out", paramLabel = "DIR", description = "where run directories go (default: reports/runs)")
    Path out = Path.of("reports", "runs");

    @Option(names = "--trials", description = "trials per cell (overrides the scenario)")
    Integer trials;

    @Option(names = "--guests", description = "VMs in the simulated lab (overrides the scenario)")
    Integer guests;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "finish a run that was interrupted, keeping its finished trials")
    Path resume;

    @Override
    public Integer call() {
        Scenario s = ScenarioLoader.load(scenarioFile);
        if (resume != null && !Files.isRegularFile(resume.resolve("journal.jsonl"))) {
            throw new UsageException(resume + ": not a run directory (no journal.jsonl)");
        }
        if (trials != null && trials < 1) {
            throw new UsageException("--trials must be at least 1");
        }
        String backend = lab != null ? lab : s.lab().backend();
        Optional<Path> config = Optional.ofNullable(labConfig).or(() -> s.lab().config());
        if (!backend.equals("sim") && config.isEmpty()) {
            throw new UsageException("--lab " + backend + " needs --lab-config FILE (or lab.config in the scenario)");
        }
        if (!backend.equals("sim") && !LabBackends.factories().containsKey(backend)) {
            throw new UsageException("unknown lab backend '" + backend + "' (have " + LabBackends.factories().keySet() + ")");
        }
        Clock clock = Clock.systemUTC();
        Path runDir = resume != null ? resume : LabRun.newRunDir(out, s, clock);
        System.out.println("run directory: " + runDir);
        try (LabBackend l = open(backend, config, s)) {
            List<Results.CellResult> results = new LabRun(s, l, runDir, clock, System.out::println)
                    .execute(trials != null ? trials : s.trials());
            System.out.println();
            System.out.print(Results.table(results));
            System.out.println("\nsummary: " + runDir.resolve("summary.html"));
            return exitCode(results);
        }
    }

    private LabBackend open(String backend, Optional<Path> config, Scenario s) {
        if (backend.equals("sim")) {
            System.out.println("starting the simulated lab (" + (guests != null ? guests : s.lab().guests()) + " guests)...");
            return SimBackends.start(Catalog.load(s.updates().catalog()), guests != null ? guests : s.lab().guests(),
                    SimBackends.tempRoot(), false);
        }
        return LabBackends.open(backend, config);
    }

    /** 0 every expectation held; 1 one did not; 3 one could not be decided because of infrastructure errors. */
    static int exitCode(List<Results.CellResult> results) {
        if (results.stream().anyMatch(r -> r.met().equals(Optional.of(false)))) {
            return Main.EXIT_EXPECTATION_FAILED;
        }
        if (results.stream().anyMatch(r -> r.expectation().isPresent() && r.verdict() == Verdict.UNDECIDED)) {
            return Main.EXIT_INFRA;
        }
        return Main.EXIT_OK;
    }
}
