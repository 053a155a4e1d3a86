package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.report.Trends;
import dev.reprolab.report.html.DoseChart;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.stats.Proportion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-page case summary a vendor reads first ({@code case-summary.md} and {@code case-summary.html}, the same
 * document): symptom, environment, the answer with its confidence, the repro rate with its interval per level,
 * the signature with one debugger excerpt, the difference between good and bad, the dose-response of the trigger,
 * how to reproduce, and the cost.
 */
final class CaseSummary {

    static final String MARKDOWN = "case-summary.md";
    static final String HTML = "case-summary.html";
    /** Lines of the debugger excerpt: the hung thread's stack with its wait. */
    private static final int EXCERPT_LINES = 30;

    private final Scenario scenario;
    private final Path scenarioFile;
    private final String command;
    private final InvestigationCase c;
    private final CaseSignatures sigs;
    private final CaseEnvironment env;
    private final InvestigationBudget cost;
    private final Path dir;

    CaseSummary(Scenario scenario, Path scenarioFile, String command, InvestigationCase c, CaseSignatures sigs, CaseEnvironment env,
            InvestigationBudget cost, Path dir) {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.command = command;
        this.c = c;
        this.sigs = sigs;
        this.env = env;
        this.cost = cost;
        this.dir = dir;
    }

    /** Writes both forms; returns the Markdown file. */
    Path write() {
        CaseDoc doc = document();
        try {
            Files.writeString(dir.resolve(HTML), doc.html(), StandardCharsets.UTF_8);
            return Files.writeString(dir.resolve(MARKDOWN), doc.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CaseDoc document() {
        CaseDoc d = new CaseDoc("Case summary: " + scenario.name());
        d.para("**Symptom:** " + scenario.description());
        d.para("**Environment:** the `" + runJson().path("lab").asText(scenario.lab().backend()) + "` lab, VMs "
                + String.join(", ", names(runJson().path("guests"))) + "; " + scenario.workload().kind()
                + " service `" + scenario.workload().serviceName() + "` on port " + scenario.workload().port() + "; every level restored from the `"
                + scenario.lab().baseCheckpoint() + "` checkpoint and its updates installed with " + scenario.updates().installer() + ".");
        d.para("**Answer:** " + c.answer() + ".");
        d.heading("Repro rate per level");
        d.add(new CaseDoc.Table(List.of("measured as", "level", "cell", "hangs/trials", "95 % interval", "verdict"), rateRows()));
        d.heading("Signature");
        signature(d);
        d.heading("Last good vs first bad");
        d.add(new CaseDoc.Table(env.header(), env.rows()));
        d.heading("Dose-response of the trigger");
        dose(d);
        d.heading("How to reproduce");
        d.para("Scenario file: `" + scenarioFile + "` (a copy is `scenario.yaml` in this bundle). The whole investigation, as it was run:");
        d.add(new CaseDoc.Code(command));
        d.para("Its parts one by one (the reproduce run, then the bisects with the measured rate as their prior):");
        d.add(new CaseDoc.Code(partCommands()));
        d.heading("Cost");
        costTable(d);
        return d;
    }

    private JsonNode runJson() {
        try {
            return new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<List<String>> rateRows() {
        List<List<String>> rows = new ArrayList<>();
        for (InvestigationCase.Placed p : c.placed()) {
            Results.CellResult r = p.cell();
            rows.add(List.of("patch set " + p.patchSet(), c.names().get(p.level()), r.cell(), r.reproduced() + "/" + r.counted(),
                    interval(r.rate().low(), r.rate().high()), r.verdict().label()));
        }
        c.baseCell().ifPresent(r -> rows.add(List.of("base image check", "base", r.cell(), r.reproduced() + "/" + r.counted(),
                interval(r.rate().low(), r.rate().high()), r.verdict().label())));
        for (String phase : List.of("cause", "fix")) {
            Map<String, int[]> per = new TreeMap<>();
            for (TrialFinished e : Journal.events(dir.resolve(phase), TrialFinished.class)) {
                dev.reprolab.journal.Outcome o = e.outcome();
                int[] n = per.computeIfAbsent(e.patchSet(), k -> new int[2]);
                n[0] += o != null && o.reproduces() ? 1 : 0;
                n[1] += o != null && o.counts() ? 1 : 0;
            }
            per.forEach((level, n) -> {
                Proportion w = Proportion.wilson(n[0], n[1]);
                rows.add(List.of(phase + " bisect", level, bisectCell(), n[0] + "/" + n[1], n[1] == 0 ? "-" : interval(w.low(), w.high()), "-"));
            });
        }
        return rows;
    }

    /** The cell the bisects run in, named like the run's cells: first netstat interval other than off, first load. */
    private String bisectCell() {
        return "netstat=" + scenario.netstatIntervals().stream().filter(x -> !x.isZero()).findFirst()
                .map(dev.reprolab.lab.config.Durations::format).orElse("off") + ",load=" + scenario.loads().get(0).name();
    }

    private static String interval(double low, double high) {
        return String.format(Locale.ROOT, "%.0f–%.0f %%", 100 * low, 100 * high);
    }

    private void signature(CaseDoc d) {
        if (sigs.theCase().isEmpty()) {
            d.para("No hung trial was triaged with a signature.");
        }
        sigs.theCase().ifPresent(p -> {
            d.para("`" + p.signature() + "` — " + p.total() + " hung trials: " + where(p.where()) + ".");
            d.para(sigs.check());
            sigs.excerpt(EXCERPT_LINES).ifPresentOrElse(x -> {
                d.para("Debugger excerpt, trial `" + p.exampleTrial() + "` (`" + dir.relativize(p.exampleLog()) + "`):");
                d.add(new CaseDoc.Code(x));
            }, () -> d.para("No debugger log of an example hang shows the wait (see the trials' triage logs)."));
        });
        for (CaseSignatures.Problem p : sigs.others()) {
            d.para("**A different problem, not merged:** `" + p.signature() + "` — " + p.total() + " hung trials: " + where(p.where())
                    + "; example trial `" + p.exampleTrial() + "`. These hangs are not counted as the case's bug anywhere.");
        }
    }

    private static String where(Map<String, Integer> where) {
        List<String> parts = new ArrayList<>();
        where.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private void dose(CaseDoc d) {
        List<Trends.Series> series = series();
        if (series.stream().noneMatch(s -> s.points().size() > 1)) {
            d.para("The scenario does not sweep the trigger (one netstat polling level), so there is no dose-response to show.");
            return;
        }
        d.para(dev.reprolab.report.FactorTrends.sentence(dev.reprolab.report.FactorTrends.of(badCells())));
        d.add(new CaseDoc.Svg(DoseChart.svg(series)));
        List<List<String>> rows = new ArrayList<>();
        for (Trends.Series s : series) {
            List<String> pts = s.points().stream().map(p -> p.netstat() + ": " + p.reproduced() + "/" + p.trials()).toList();
            rows.add(List.of(s.patchSet(), s.load(), String.join(", ", pts), Trends.describe(s.trend())));
        }
        d.add(new CaseDoc.Table(List.of("patch set", "load", "netstat polling: hangs/trials", "Cochran–Armitage"), rows));
    }

    /** The reproduce run's cells of the patch sets that reproduce, one series per patch set and load. */
    private List<Trends.Series> series() {
        return Trends.of(badCells());
    }

    private List<JsonNode> badCells() {
        try {
            JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
            List<String> bad = c.reproducing().stream().map(InvestigationCase.Placed::patchSet).toList();
            List<JsonNode> cells = new ArrayList<>();
            results.path("cells").forEach(x -> {
                if (bad.contains(x.path("patchSet").asText())) {
                    cells.add(x);
                }
            });
            return cells;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String partCommands() {
        StringBuilder b = new StringBuilder("./lab run " + scenarioFile + "\n");
        String rate = c.badCell().reproduced() + "/" + c.badCell().counted();
        int[] gb = {c.lastGood(), c.firstBad()};
        b.append("./lab bisect ").append(scenarioFile).append(" --good ").append(c.names().get(gb[0])).append(" --bad ")
                .append(c.names().get(gb[1])).append(" --rate ").append(rate).append('\n');
        if (c.fixedAt() >= 0) {
            b.append("./lab bisect ").append(scenarioFile).append(" --good ").append(c.names().get(c.fixedAt())).append(" --bad ")
                    .append(c.names().get(c.lastBad())).append(" --find-fix --rate ").append(rate).append('\n');
        }
        return b.toString();
    }

    private void costTable(CaseDoc d) {
        List<List<String>> rows = new ArrayList<>();
        for (String phase : InvestigationBudget.PHASES) {
            InvestigationBudget b = InvestigationBudget.ofPhase(dir, phase);
            if (b.trials() > 0 || b.spentHours() > 0) {
                rows.add(List.of(phase.isEmpty() ? "reproduce" : phase.equals("base") ? "base image check" : phase + " bisect",
                        String.valueOf(b.trials()), hours(b.spentHours()), hours(b.trialHours())));
            }
        }
        rows.add(List.of("**total**", String.valueOf(cost.trials()), hours(cost.spentHours()), hours(cost.trialHours())));
        d.add(new CaseDoc.Table(List.of("phase", "trials", "VM-hours (preparation included)", "of which trials"), rows));
        d.para("VM-hours count each VM from the start of a phase (or its resumption) to its last event in it: patch-set installation, "
                + "reboots, checkpoint restores, triage and the trials." + (cost.budget() == null ? ""
                : String.format(Locale.ROOT, " Budget: %.3f VM-hours.", cost.budget())));
    }

    private static String hours(double h) {
        return String.format(Locale.ROOT, "%.3f", h);
    }
}
