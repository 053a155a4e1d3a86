package dev.reprolab.cli;

import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.stats.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an investigation has found so far, phase by phase: where it reproduces, the ends of the bisects, their answers. */
final class InvestigationCase {

    /** A patch set placed on the level line: the level = the newest update of its KBs in the level list. */
    record Placed(String patchSet, int level, boolean reproduces, boolean ruledOut, Results.CellResult cell) {
    }

    private final Scenario scenario;
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
    private boolean fixDecided;
    private String signature;
    private Results.CellResult base;

    InvestigationCase(Scenario scenario, List<String> names, Catalog catalog) {
        this.scenario = scenario;
        this.names = names;
        this.catalog = catalog;
    }

    /** Places the patch sets on the level line and picks the ends of the bisects from their verdicts. */
    void reproduced(List<Results.CellResult> cells, Path runDir) {
        this.results = cells;
        for (Scenario.PatchSet ps : scenario.patchSets()) {
            int level = ps.kbs().isEmpty() ? 0 : -1; // no update: the base image
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
        signature = CaseSignatures.mostFrequent(runDir, badCell.patchSet()).orElse(null);
    }

    /** Whether a level below the first bad one was measured and ruled out (else the base image is assumed good). */
    boolean baseMeasured() {
        return placed.stream().anyMatch(p -> p.ruledOut() && p.level() < firstBad);
    }

    /** The base image's check, when no measured level below the first bad one was good. */
    void base(Results.CellResult cell) {
        this.base = cell;
    }

    Optional<Results.CellResult> baseCell() {
        return Optional.ofNullable(base);
    }

    /** The bug's hang signature: the one most hangs at the first bad patch set showed (empty: none triaged). */
    Optional<String> signature() {
        return Optional.ofNullable(signature);
    }

    Results.CellResult badCell() {
        return badCell;
    }

    List<Placed> placed() {
        return List.copyOf(placed);
    }

    List<String> names() {
        return names;
    }

    Catalog catalog() {
        return catalog;
    }

    /** The cause's level (index into names), or -1 before the cause bisect. */
    int causeLevel() {
        return causeLevel;
    }

    int fixLevel() {
        return fixLevel;
    }

    /** Last good and first bad level for the difference: the located cause, else the ends of the cause bisect. */
    int[] goodBad() {
        return causeLevel >= 1 ? new int[] {causeLevel - 1, causeLevel} : new int[] {lastGood, firstBad};
    }

    /** The located fix's level and the one before it, or null when no fix was located. */
    int[] badFixed() {
        return fixLevel >= 1 ? new int[] {fixLevel - 1, fixLevel} : null;
    }

    List<Results.CellResult> results() {
        return results;
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

    /** Cause decided, and the fix too when a later patch set stops reproducing (a fix not searched is not located). */
    boolean located() {
        return causeDecided && (fixedAt < 0 || fixDecided);
    }

    String answer() {
        return "first bad: " + (causeAnswer == null ? "not located" : causeAnswer)
                + "; first fixed: " + (fixAnswer == null ? (fixedAt < 0 ? "no later level stops reproducing" : "not located") : fixAnswer);
    }
}
