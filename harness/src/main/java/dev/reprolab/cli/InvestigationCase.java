package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.Journal;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.stats.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What an investigation has found so far, phase by phase, and the one-page case summary made of it. */
final class InvestigationCase {

    /** A patch set placed on the level line: the level = the newest update of its KBs in the level list. */
    record Placed(String patchSet, int level, boolean reproduces, boolean ruledOut, Results.CellResult cell) {
    }

    private final Scenario scenario;
    private final Path scenarioFile;
    private final List<String> names;
    private final Catalog catalog;
    private final List<Placed> placed = new ArrayList<>();
    private List<Results.CellResult> results = List.of();
    private int lastGood = -1;
    private int firstBad = -1;
    private int lastBad = -1;
    private int fixedAt = -1;
    private Results.CellResult badCell;
    private String causeAnswer;
    private String fixAnswer;
    private int causeLevel = -1;
    private int fixLevel = -1;
    private boolean causeDecided;
    private boolean fixDecided = true;
    private final Map<String, Map<String, Integer>> signatures = new LinkedHashMap<>();

    InvestigationCase(Scenario scenario, Path scenarioFile, List<String> names, Catalog catalog) {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.names = names;
        this.catalog = catalog;
    }

    /** Places the patch sets on the level line and picks the ends of the bisects from their verdicts. */
    void reproduced(List<Results.CellResult> cells) {
        this.results = cells;
        for (Scenario.PatchSet ps : scenario.patchSets()) {
            int level = -1;
            for (String kb : ps.kbs()) {
                level = Math.max(level, indexOf(kb));
            }
            List<Results.CellResult> own = cells.stream().filter(c -> c.patchSet().equals(ps.name())).toList();
            // the cell lab bisect runs in: first load, first netstat interval other than off
            Results.CellResult cell = own.stream().filter(c -> !"off".equals(c.factors().get("netstat"))).findFirst()
                    .orElse(own.isEmpty() ? null : own.get(0));
            boolean repro = own.stream().anyMatch(c -> c.verdict() == Verdict.REPRODUCES);
            boolean ruledOut = !repro && cell != null && cell.verdict() == Verdict.DOES_NOT;
            if (level >= 0 && cell != null) {
                placed.add(new Placed(ps.name(), level, repro, ruledOut, cell));
            }
        }
        placed.sort((a, b) -> Integer.compare(a.level(), b.level()));
        Optional<Placed> bad = placed.stream().filter(Placed::reproduces).findFirst();
        if (bad.isEmpty()) {
            return;
        }
        firstBad = bad.get().level();
        badCell = bad.get().cell();
        // no measured good level below the first bad one: the base image is taken as good (the bisect tests it)
        lastGood = placed.stream().filter(p -> p.ruledOut() && p.level() < firstBad).mapToInt(Placed::level).max().orElse(0);
        Optional<Placed> fixed = placed.stream().filter(p -> p.ruledOut() && p.level() > firstBad).findFirst();
        if (fixed.isPresent()) {
            fixedAt = fixed.get().level();
            lastBad = placed.stream().filter(p -> p.reproduces() && p.level() < fixedAt).mapToInt(Placed::level).max().orElseThrow();
        }
    }

    private int indexOf(String kb) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(kb)) {
                return i;
            }
        }
        return -1;
    }

    List<Placed> reproducing() {
        return placed.stream().filter(Placed::reproduces).toList();
    }

    int lastGood() {
        return lastGood;
    }

    int firstBad() {
        return firstBad;
    }

    int lastBad() {
        return lastBad;
    }

    int fixedAt() {
        return fixedAt;
    }

    String badRate() {
        return badCell.reproduced() + "/" + badCell.counted() + " at " + badCell.patchSet() + " " + badCell.cell();
    }

    /** The bad end's counts from phase 1, the prior on the repro probability (lab bisect's --rate). */
    BisectEngine.RatePrior prior() {
        return BisectEngine.RatePrior.measured(badCell.reproduced(), badCell.counted());
    }

    void cause(BisectEngine.Estimate e, double confidence) {
        causeLevel = lastGood + e.level();
        causeDecided = e.decided(confidence);
        causeAnswer = String.format(Locale.ROOT, "%s (confidence %.3f%s)", names.get(causeLevel), e.probability(),
                causeDecided ? "" : ", below the " + confidence + " asked for");
    }

    void fix(BisectEngine.Estimate e, double confidence) {
        fixLevel = lastBad + e.level();
        fixDecided = e.decided(confidence);
        fixAnswer = String.format(Locale.ROOT, "%s (confidence %.3f%s)", names.get(fixLevel), e.probability(),
                fixDecided ? "" : ", below the " + confidence + " asked for");
    }

    boolean located() {
        return causeDecided && fixDecided;
    }

    /** Hang signatures per patch set / bisect level, from the trials' triage in every phase's journal. */
    void explain(Path dir) {
        for (Path d : List.of(dir, dir.resolve("cause"), dir.resolve("fix"))) {
            if (!Files.isRegularFile(d.resolve(Journal.FILE))) {
                continue;
            }
            for (JsonNode e : Journal.read(d)) {
                if (e.path("type").asText().equals("trial-finished") && e.path("outcome").asText().equals("HUNG")) {
                    String sig = e.path("signature").isTextual() ? e.path("signature").asText() : "(no signature: no dump triaged)";
                    String where = e.has("level") ? e.path("level").asText() : e.path("patchSet").asText();
                    signatures.computeIfAbsent(sig, k -> new TreeMap<>()).merge(where, 1, Integer::sum);
                }
            }
        }
        signatures.forEach((sig, where) -> System.out.println("signature " + sig + ": " + where));
        if (signatures.size() > 1) {
            System.out.println(signatures.size() + " different signatures: reported as different problems, not merged");
        }
        System.out.println(envDiff().replace("\n", System.lineSeparator()));
    }

    private List<String> installed(int level) {
        return names.subList(1, level + 1);
    }

    private String envDiff() {
        int good = causeLevel >= 1 ? causeLevel - 1 : lastGood;
        int bad = causeLevel >= 0 ? causeLevel : firstBad;
        List<String> added = new ArrayList<>(installed(bad));
        added.removeAll(installed(good));
        return "| | last good: " + names.get(good) + " | first bad: " + names.get(bad) + " |\n|---|---|---|\n"
                + "| updates | " + String.join(", ", installed(good)) + " | + " + String.join(", ", added) + " |\n"
                + "| tcpip.sys | " + catalog.tcpipVersion(installed(good)).orElse("(base image)") + " | "
                + catalog.tcpipVersion(installed(bad)).orElse("(base image)") + " |\n"
                + "| afd.sys | not in the catalog | not in the catalog |\n"
                + "| probe | " + badCell.cell() + " | " + badCell.cell() + " |\n";
    }

    String answer() {
        return "first bad: " + (causeAnswer == null ? "not located" : causeAnswer)
                + "; first fixed: " + (fixAnswer == null ? (fixedAt < 0 ? "no later level stops reproducing" : "not located") : fixAnswer);
    }

    Path writeSummary(Path dir, InvestigationBudget spent) {
        StringBuilder m = new StringBuilder();
        m.append("# Case summary: ").append(scenario.name()).append("\n\n");
        m.append("**Symptom:** ").append(scenario.description()).append("\n\n");
        m.append("**Answer:** ").append(answer()).append("\n\n");
        m.append("## Repro rate per patch set (bisect cell)\n\n| patch set | level | cell | hangs/trials | 95 % interval | verdict |\n|---|---|---|---|---|---|\n");
        for (Placed p : placed) {
            Results.CellResult c = p.cell();
            m.append(String.format(Locale.ROOT, "| %s | %s | %s | %d/%d | %.2f–%.2f | %s |%n", p.patchSet(), names.get(p.level()), c.cell(),
                    c.reproduced(), c.counted(), c.rate().low(), c.rate().high(), c.verdict().label()));
        }
        m.append("\n## Signature(s)\n\n");
        if (signatures.isEmpty()) {
            m.append("no hung trial was triaged\n");
        }
        signatures.forEach((sig, where) -> m.append("- `").append(sig).append("` at ").append(where).append('\n'));
        if (signatures.size() > 1) {
            m.append("\n").append(signatures.size()).append(" different signatures: treat them as different problems.\n");
        }
        m.append("\n## Last good vs first bad\n\n").append(envDiff());
        m.append("\n## How to reproduce\n\n```\n./lab run ").append(scenarioFile).append("\n./lab investigate ").append(scenarioFile)
                .append("\n```\nBisect logs: `cause/bisect.log`").append(fixedAt >= 0 ? ", `fix/bisect.log`" : "").append(".\n");
        m.append(String.format(Locale.ROOT, "%n## Cost%n%n%d trials, %.3f VM-hours of trial time (preparation not counted).%n",
                spent.trials(), spent.spentHours()));
        Path f = dir.resolve("case-summary.md");
        try {
            Files.writeString(f, m.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }
}
