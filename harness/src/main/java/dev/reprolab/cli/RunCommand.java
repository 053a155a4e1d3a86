package dev.reprolab.cli;

import dev.reprolab.lab.LabBackend;
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

    @picocli.CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    @Option(names = "--trials", description = "trials per cell (overrides the scenario)")
    Integer trials;

    @Option(names = "--guests", description = "VMs in the simulated lab (overrides the scenario)")
    Integer guests;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "finish a run that was interrupted, keeping its finished trials")
    Path resume;

    @Override
    public Integer call() {
        // one pass over the scenario and the arguments: every error is reported before anything starts
        List<dev.reprolab.input.BadInputException> bad = new java.util.ArrayList<>();
        Scenario s = null;
        try {
            s = ScenarioLoader.load(scenarioFile);
        } catch (dev.reprolab.input.BadInputException e) {
            bad.add(e);
        }
        if (resume != null && !Files.isRegularFile(resume.resolve("journal.jsonl"))) {
            bad.add(new UsageException(resume + ": not a run directory (no journal.jsonl)"));
        }
        if (trials != null && trials < 1) {
            bad.add(new UsageException("--trials must be at least 1"));
        }
        if (s != null) {
            try {
                labOptions.validate(s, guests);
            } catch (dev.reprolab.input.BadInputException e) {
                bad.add(e);
            }
        }
        if (!bad.isEmpty()) {
            throw dev.reprolab.input.BadInputException.all(bad);
        }
        Clock clock = Clock.systemUTC();
        Path runDir = resume != null ? resume : LabRun.newRunDir(labOptions.out, s, clock);
        try (LabBackend l = labOptions.open(s, guests, runDir.getFileName().toString())) {
            System.out.println("run directory: " + runDir);
            List<Results.CellResult> results = new LabRun(s, l, runDir, clock, System.out::println)
                    .execute(trials != null ? trials : s.trials());
            System.out.println();
            System.out.print(Results.table(results));
            System.out.println("\nsummary: " + runDir.resolve("summary.html"));
            return exitCode(results);
        }
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
