package dev.reprolab.cli;

import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.report.bundle.BundleVerifier;
import dev.reprolab.report.bundle.BundleWriter;
import dev.reprolab.run.LabBisect;
import dev.reprolab.run.LabRun;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

    /** Infrastructure errors in a row a bisect tolerates before it stops (lab bisect's default). */
    private static final int MAX_INFRA = 3;

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
        Scenario.Bisect b = s.bisect().orElseThrow(() -> new UsageException(scenarioFile + ": no 'bisect' section (levels to bisect over)"));
        if (resume != null && !Files.isRegularFile(resume.resolve("journal.jsonl"))) {
            throw new UsageException(resume + ": not an investigation directory (no journal.jsonl)");
        }
        if (budget != null && !(budget > 0)) {
            throw new UsageException("--budget must be a positive number of VM-hours, got " + budget);
        }
        labOptions.validate(s, guests);
        Catalog catalog = Catalog.load(s.updates().catalog());
        List<String> updates = catalog.levels(b.levels());
        List<String> names = LabBisect.names(updates);
        Clock clock = Clock.systemUTC();
        Path fresh = LabRun.newRunDir(labOptions.out, s, clock);
        Path dir = resume != null ? resume : fresh.resolveSibling(fresh.getFileName() + "-investigate");
        System.out.println("investigation directory: " + dir);
        InvestigationCase c = new InvestigationCase(s, scenarioFile, names, catalog);
        try (LabBackend l = labOptions.open(s, guests, dir.getFileName().toString())) {
            System.out.println("== phase 1/4 reproduce: " + s.patchSets().size() + " patch set(s), " + s.trials() + " trials per cell");
            List<Results.CellResult> results = new LabRun(s, l, dir, clock, System.out::println).execute(s.trials());
            System.out.print(Results.table(results));
            c.reproduced(results);
            if (c.reproducing().isEmpty()) {
                int trials = results.stream().mapToInt(Results.CellResult::counted).sum();
                System.out.println("does not reproduce: no patch set reproduced in " + trials + " counted trials, ruling out a repro rate of "
                        + s.minRate() + " or more per cell (" + s.trials() + " trials per cell)");
                return Main.EXIT_EXPECTATION_FAILED;
            }
            InvestigationBudget spent = new InvestigationBudget(budget, dir);
            System.out.println(spent.line("reproduce"));
            if (spent.exhausted()) {
                System.out.println("budget spent after reproducing; resume with --resume " + dir + " --budget MORE");
                return Main.EXIT_EXPECTATION_FAILED;
            }
            System.out.println("== phase 2/4 locate: cause between " + names.get(c.lastGood()) + " and " + names.get(c.firstBad())
                    + ", prior " + c.badRate());
            LabBisect.Result cause = new LabBisect(s, l, dir.resolve("cause"), clock, System.out::println)
                    .run(c.lastGood(), c.firstBad(), BisectEngine.Mode.CAUSE, b.confidence(), spent.trialsLeft(b.budget()), c.prior(), MAX_INFRA);
            if (cause.infrastructure().isPresent()) {
                System.out.println("cause bisect stopped: " + cause.infrastructure().get() + "; resume with --resume " + dir);
                return Main.EXIT_INFRA;
            }
            c.cause(cause.estimate(), b.confidence());
            if (c.fixedAt() >= 0 && !spent.exhausted()) {
                System.out.println(spent.line("cause"));
                System.out.println("== phase 2/4 locate: fix between " + names.get(c.lastBad()) + " and " + names.get(c.fixedAt()));
                LabBisect.Result fix = new LabBisect(s, l, dir.resolve("fix"), clock, System.out::println)
                        .run(c.lastBad(), c.fixedAt(), BisectEngine.Mode.FIX, b.confidence(), spent.trialsLeft(b.budget()), c.prior(), MAX_INFRA);
                if (fix.infrastructure().isPresent()) {
                    System.out.println("fix bisect stopped: " + fix.infrastructure().get() + "; resume with --resume " + dir);
                    return Main.EXIT_INFRA;
                }
                c.fix(fix.estimate(), b.confidence());
            }
        }
        System.out.println("== phase 3/4 explain");
        c.explain(dir);
        System.out.println("== phase 4/4 hand over");
        Path summary = c.writeSummary(dir, new InvestigationBudget(budget, dir));
        System.out.println("case summary: " + summary);
        Path bundle = dir.resolveSibling(dir.getFileName() + ".tar.zst");
        BundleWriter.Written w = BundleWriter.write(dir, bundle, false, 0);
        BundleVerifier.Report r = BundleVerifier.verify(bundle);
        r.problems().forEach(p -> System.out.println("FAIL " + p));
        System.out.println("bundle: " + w.file() + " (" + w.entries() + " entries), verify: " + (r.ok() ? "OK" : "FAILED"));
        System.out.println(c.answer());
        if (!r.ok()) {
            throw new IllegalStateException("the bundle just written does not verify: " + r.problems());
        }
        return c.located() ? Main.EXIT_OK : Main.EXIT_EXPECTATION_FAILED;
    }
}
