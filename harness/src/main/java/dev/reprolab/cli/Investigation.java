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
import dev.reprolab.stats.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The phases of {@code lab investigate} on an open lab: reproduce, check the base image when no measured level
 * below the first bad one is good, locate the cause and the fix, explain, hand over. Each phase is an existing
 * command's code in its own journaled directory ({@link InvestigationBudget#PHASES}), so a resumed investigation
 * resumes each phase from its own journal and repeats no trial.
 */
final class Investigation {

    /** Infrastructure errors in a row a bisect tolerates before it stops (lab bisect's default). */
    private static final int MAX_INFRA = 3;

    private final Scenario scenario;
    private final Path scenarioFile;
    private final String command;
    private final Double budget;
    private final Path dir;
    private final Clock clock;
    private final Consumer<String> out;

    /**
     * @param command the command line that reproduces the investigation, for the case summary
     */
    Investigation(Scenario scenario, Path scenarioFile, String command, Double budget, Path dir, Clock clock, Consumer<String> out) {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.command = command;
        this.budget = budget;
        this.dir = dir;
        this.clock = clock;
        this.out = out;
    }

    /** Runs (or resumes) the investigation; the exit code of {@code lab investigate}. */
    int run(LabBackend lab) {
        Scenario.Bisect b = scenario.bisect().orElseThrow();
        Catalog catalog = Catalog.load(scenario.updates().catalog());
        List<String> names = LabBisect.names(catalog.levels(b.levels()));
        InvestigationCase c = new InvestigationCase(scenario, names, catalog);
        int vms = lab.vms().size();

        out.accept("== phase 1/4 reproduce: " + scenario.patchSets().size() + " patch set(s), " + scenario.trials() + " trials per cell");
        InvestigationBudget spent = new InvestigationBudget(budget, dir);
        int planned = scenario.cells().size() * scenario.trials();
        List<Results.CellResult> results = new LabRun(scenario, lab, dir, clock,
                new InvestigationProgress(out, clock, "reproduce", spent, vms, planned, InvestigationBudget.ofPhase(dir, "").trials()))
                .execute(scenario.trials());
        out.accept(Results.table(results).stripTrailing());
        c.reproduced(results, dir);
        phase("reproduce", "finished", c.reproducing().isEmpty() ? "does not reproduce"
                : "reproduces at " + c.reproducing().stream().map(InvestigationCase.Placed::patchSet).toList());
        if (c.reproducing().isEmpty()) {
            int trials = results.stream().mapToInt(Results.CellResult::counted).sum();
            out.accept("does not reproduce: no patch set reproduced in " + trials + " counted trials, ruling out a repro rate of "
                    + scenario.minRate() + " or more per cell (" + scenario.trials() + " trials per cell)");
            return Main.EXIT_EXPECTATION_FAILED;
        }
        if (c.firstBad() == 0) {
            out.accept(baseReproduces(c.badRate()));
            return Main.EXIT_EXPECTATION_FAILED;
        }
        c.signature().ifPresent(sig -> out.accept("the case's signature (at " + c.badCell().patchSet() + "): " + sig));
        spent = new InvestigationBudget(budget, dir);
        out.accept(spent.line("reproduce"));
        if (spent.exhausted()) {
            return budgetSpent("reproducing");
        }
        if (!c.baseMeasured()) {
            // no patch set below the first bad one is ruled out: the base image is taken as good, so measure it
            out.accept("== phase 1/4 reproduce: base image (no patch set below " + c.badCell().patchSet() + " was ruled out)");
            Scenario base = baseOnly(bisecting(c));
            phase("base", "started", "no patch set below " + c.badCell().patchSet() + " was ruled out");
            List<Results.CellResult> r = new LabRun(base, lab, dir.resolve("base"), clock,
                    new InvestigationProgress(out, clock, "reproduce (base image)", spent, vms, base.trials(),
                            InvestigationBudget.ofPhase(dir, "base").trials())).execute(base.trials());
            out.accept(Results.table(r).stripTrailing());
            Results.CellResult cell = r.get(0);
            c.base(cell);
            phase("base", "finished", cell.reproduced() + "/" + cell.counted() + " " + cell.verdict().label());
            if (cell.verdict() == Verdict.REPRODUCES || cell.reproduced() > 0) {
                out.accept(baseReproduces(cell.reproduced() + "/" + cell.counted() + " at the base image " + cell.cell()));
                return Main.EXIT_EXPECTATION_FAILED;
            }
            spent = new InvestigationBudget(budget, dir);
        }

        Scenario bisecting = bisecting(c);
        out.accept("== phase 2/4 locate: cause between " + names.get(c.lastGood()) + " and " + names.get(c.firstBad()) + ", prior " + c.badRate());
        int cap = spent.trialsLeft(b.budget(), "cause");
        phase("cause", "started", names.get(c.lastGood()) + ".." + names.get(c.firstBad()) + ", at most " + cap + " trials");
        LabBisect.Result cause = new LabBisect(bisecting, lab, dir.resolve("cause"), clock,
                new InvestigationProgress(out, clock, "locate (cause)", spent, vms, cap, InvestigationBudget.ofPhase(dir, "cause").trials()))
                .run(c.lastGood(), c.firstBad(), BisectEngine.Mode.CAUSE, b.confidence(), cap, c.prior(), MAX_INFRA);
        if (cause.infrastructure().isPresent()) {
            out.accept("cause bisect stopped: " + cause.infrastructure().get() + "; resume with --resume " + dir);
            return Main.EXIT_INFRA;
        }
        c.cause(cause.estimate(), b.confidence());
        phase("cause", "finished", c.answer());
        spent = new InvestigationBudget(budget, dir);
        out.accept(spent.line("cause"));
        if (c.fixedAt() >= 0 && spent.exhausted()) {
            out.accept("budget spent before the fix bisect; resume with --resume " + dir + " --budget MORE");
        } else if (c.fixedAt() >= 0) {
            out.accept("== phase 2/4 locate: fix between " + names.get(c.lastBad()) + " and " + names.get(c.fixedAt()));
            cap = spent.trialsLeft(b.budget(), "fix");
            phase("fix", "started", names.get(c.lastBad()) + ".." + names.get(c.fixedAt()) + ", at most " + cap + " trials");
            LabBisect.Result fix = new LabBisect(bisecting, lab, dir.resolve("fix"), clock,
                    new InvestigationProgress(out, clock, "locate (fix)", spent, vms, cap, InvestigationBudget.ofPhase(dir, "fix").trials()))
                    .run(c.lastBad(), c.fixedAt(), BisectEngine.Mode.FIX, b.confidence(), cap, c.prior(), MAX_INFRA);
            if (fix.infrastructure().isPresent()) {
                out.accept("fix bisect stopped: " + fix.infrastructure().get() + "; resume with --resume " + dir);
                return Main.EXIT_INFRA;
            }
            c.fix(fix.estimate(), b.confidence());
            phase("fix", "finished", c.answer());
        }
        return explainAndHandOver(c);
    }

    private int explainAndHandOver(InvestigationCase c) {
        out.accept("== phase 3/4 explain");
        CaseSignatures sigs = CaseSignatures.read(dir, c);
        sigs.lines().forEach(out);
        CaseEnvironment env = CaseEnvironment.of(dir, c, scenario);
        out.accept(env.markdown().stripTrailing());
        phase("explain", "finished", sigs.check());
        out.accept("== phase 4/4 hand over");
        InvestigationBudget cost = new InvestigationBudget(budget, dir);
        CaseSummary summary = new CaseSummary(scenario, scenarioFile, command, c, sigs, env, cost, dir);
        Path written = summary.write();
        out.accept("case summary: " + written);
        Path bundle = dir.resolveSibling(dir.getFileName() + ".tar.zst");
        // the last event before the bundle is made, so the bundle's journal is the whole journal
        phase("hand-over", "started", "case summary " + written.getFileName() + ", bundle " + bundle.getFileName());
        BundleWriter.Written w = BundleWriter.write(dir, bundle, false, 0);
        BundleVerifier.Report r = BundleVerifier.verify(bundle);
        r.problems().forEach(p -> out.accept("FAIL " + p));
        out.accept("bundle: " + w.file() + " (" + w.entries() + " entries), verify: " + (r.ok() ? "OK" : "FAILED"));
        out.accept(c.answer());
        if (!r.ok()) {
            throw new IllegalStateException("the bundle just written does not verify: " + r.problems());
        }
        return c.located() ? Main.EXIT_OK : Main.EXIT_EXPECTATION_FAILED;
    }

    /**
     * Journals a phase's start or end in the investigation directory's journal (the reproduce run's: a reader sees
     * the whole investigation in order). Only after the run has journaled its own start, so that a first session
     * is a {@code run-started}, not a resumption.
     */
    private void phase(String phase, String state, String detail) {
        InvestigationBudget b = new InvestigationBudget(budget, dir);
        try (dev.reprolab.journal.Journal j = dev.reprolab.journal.Journal.open(dir, clock)) {
            j.append(new dev.reprolab.journal.InvestigationPhase(phase, state, detail, b.trials(), b.spentHours()));
        }
    }

    private String baseReproduces(String counts) {
        return "the base image already reproduces (" + counts + "): the investigation takes the base image as good, so the cause is "
                + "not among the catalog's updates; rebuild the '" + scenario.lab().baseCheckpoint() + "' checkpoint from an earlier image";
    }

    private int budgetSpent(String after) {
        out.accept("budget spent after " + after + "; resume with --resume " + dir + " --budget MORE");
        return Main.EXIT_EXPECTATION_FAILED;
    }

    /**
     * The scenario the bisects run: the case's signature pinned (unless the scenario names one), so a hang with
     * another signature at any level is another problem in the bisects too, not whichever hang a bisect saw first.
     */
    private Scenario bisecting(InvestigationCase c) {
        Optional<String> sig = scenario.triage().expectSignature().or(c::signature);
        var t = scenario.triage();
        var pinned = new dev.reprolab.triage.TriageSpec(t.enabled(), t.debuggerDirs(), t.liveKd(), t.symbolPath(), t.kernelCommands(),
                t.userCommands(), t.liveCommands(), t.modules(), sig, t.deadline(), t.book());
        Scenario s = scenario;
        return new Scenario(s.file(), s.name(), s.description(), s.lab(), s.workload(), s.updates(), s.patchSets(), s.netstatIntervals(),
                s.loads(), s.trials(), s.minRate(), s.deadlines(), s.dumps(), s.bisect(), s.steps(), s.reproducedWhen(), pinned, s.earlyStop());
    }

    /** One patch set, the base image (no update), in the bisects' cell only: first load, first netstat interval other than off. */
    private static Scenario baseOnly(Scenario s) {
        List<java.time.Duration> netstat = s.netstatIntervals().stream().filter(d -> !d.isZero()).findFirst()
                .map(List::of).orElse(List.of(java.time.Duration.ZERO));
        Scenario.PatchSet base = new Scenario.PatchSet("base", List.of(), Optional.of("does-not"), Map.of());
        return new Scenario(s.file(), s.name(), s.description(), s.lab(), s.workload(), s.updates(), List.of(base), netstat,
                List.of(s.loads().get(0)), s.trials(), s.minRate(), s.deadlines(), s.dumps(), s.bisect(), s.steps(), s.reproducedWhen(),
                s.triage(), s.earlyStop());
    }
}
