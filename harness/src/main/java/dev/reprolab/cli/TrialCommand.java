package dev.reprolab.cli;

import dev.reprolab.lab.LabBackend;
import dev.reprolab.run.LabRun;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.stats.Verdict;
import dev.reprolab.trial.TrialRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab trial SCENARIO --patch-set SET [--exit-code]}: one verdict for one patch set, for people who drive
 * their own bisect ({@code git bisect run} convention: 0 good, 1 bad, 125 cannot tell).
 */
@Command(name = "trial", mixinStandardHelpOptions = true, description = "Run one patch set's cells and give one verdict.")
public final class TrialCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO")
    Path scenarioFile;

    @Option(names = "--patch-set", required = true)
    String patchSet;

    @Option(names = "--exit-code", description = "exit 0 does not reproduce, 1 reproduces, 125 undecided")
    boolean exitCode;

    @Option(names = "--trials")
    Integer trials;

    @picocli.CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    @Override
    public Integer call() {
        Scenario s = ScenarioLoader.load(scenarioFile);
        if (s.patchSets().stream().noneMatch(p -> p.name().equals(patchSet))) {
            throw new UsageException("no patch set '" + patchSet + "' in " + scenarioFile + " (have "
                    + s.patchSets().stream().map(Scenario.PatchSet::name).toList() + ")");
        }
        if (trials != null && trials < 1) {
            throw new UsageException("--trials must be at least 1");
        }
        labOptions.validate(s, null);
        Clock clock = Clock.systemUTC();
        java.nio.file.Path runDir = LabRun.newRunDir(labOptions.out, s, clock);
        try (LabBackend l = labOptions.open(s, null, runDir.getFileName().toString())) {
            LabRun run = new LabRun(s, l, runDir, clock, System.out::println)
                    .start(trials != null ? trials : s.trials(), TrialRecorder.NONE);
            run.runTrials(t -> t.patchSet().equals(patchSet));
            List<Results.CellResult> cells = run.finish().stream().filter(c -> c.patchSet().equals(patchSet)).toList();
            System.out.print(Results.table(cells));
            Verdict v = cells.stream().anyMatch(c -> c.verdict() == Verdict.REPRODUCES) ? Verdict.REPRODUCES
                    : cells.stream().allMatch(c -> c.verdict() == Verdict.DOES_NOT) ? Verdict.DOES_NOT : Verdict.UNDECIDED;
            System.out.println(patchSet + ": " + v.label());
            if (!exitCode) {
                return Main.EXIT_OK;
            }
            return switch (v) {
                case DOES_NOT -> 0;
                case REPRODUCES -> 1;
                default -> 125;
            };
        }
    }
}
