package dev.reprolab.cli;

import dev.reprolab.lab.LabBackend;
import dev.reprolab.run.LabRun;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab investigate SCENARIO}: the chain a support engineer does by hand — reproduce ({@link LabRun}), locate
 * the breaking and the fixing update ({@link LabBisect}), explain (signatures, tcpip.sys versions) and hand over
 * (case summary + bundle). Only orchestration: every phase is an existing command's code in its own journaled
 * directory, so {@code --resume} resumes each phase from its own journal and repeats no trial.
 */
@Command(name = "investigate", mixinStandardHelpOptions = true,
        description = "Reproduce, find the update that broke it and the one that fixed it, explain, and bundle the case.")
public final class InvestigateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO")
    Path scenarioFile;

    @picocli.CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    @Option(names = "--guests", description = "VMs in the simulated lab (overrides the scenario)")
    Integer guests;

    @Option(names = "--budget", paramLabel = "VM-HOURS", description = "stop cleanly once this much VM time is estimated spent")
    Double budget;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue an investigation directory")
    Path resume;

    @Override
    public Integer call() {
        Scenario s = ScenarioLoader.load(scenarioFile);
        s.bisect().orElseThrow(() -> new UsageException(scenarioFile + ": no 'bisect' section (levels to bisect over)"));
        if (resume != null && !Files.isRegularFile(resume.resolve("journal.jsonl"))) {
            throw new UsageException(resume + ": not an investigation directory (no journal.jsonl)");
        }
        if (budget != null && !(budget > 0)) {
            throw new UsageException("--budget must be a positive number of VM-hours, got " + budget);
        }
        labOptions.validate(s, guests);
        Clock clock = Clock.systemUTC();
        Path fresh = LabRun.newRunDir(labOptions.out, s, clock);
        Path dir = resume != null ? resume : fresh.resolveSibling(fresh.getFileName() + "-investigate");
        System.out.println("investigation directory: " + dir);
        Investigation inv = new Investigation(s, scenarioFile, commandLine(), budget, dir, clock, System.out::println);
        try (LabBackend l = labOptions.open(s, guests, dir.getFileName().toString())) {
            return inv.run(l);
        }
    }

    /** The command that runs this investigation again from the start (no --resume, no --out: a new directory). */
    private String commandLine() {
        StringBuilder b = new StringBuilder("./lab investigate ").append(scenarioFile);
        if (labOptions.lab != null) {
            b.append(" --lab ").append(labOptions.lab);
        }
        if (labOptions.labConfig != null) {
            b.append(" --lab-config ").append(labOptions.labConfig);
        }
        if (guests != null) {
            b.append(" --guests ").append(guests);
        }
        if (budget != null) {
            b.append(" --budget ").append(budget);
        }
        return b.toString();
    }
}
