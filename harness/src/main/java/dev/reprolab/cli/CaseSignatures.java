package dev.reprolab.cli;

import dev.reprolab.journal.Journal;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.report.Signatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The hang signatures of an investigation, level by level, from every phase's journal. The case's signature is the
 * one most hangs at the first bad patch set showed; at every bad level its hangs are checked for that signature. A
 * different signature — at a bad level or anywhere — is a different problem: listed on its own with its levels, never
 * merged into the case's counts (the bisects count it as "another hang", not as the bug).
 */
final class CaseSignatures {

    /** One signature: where it was seen (level label → hung trials) and one example with its debugger log. */
    record Problem(String signature, boolean theCase, Map<String, Integer> where, String exampleTrial, Path exampleLog) {

        int total() {
            return where.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Optional<String> signature;
    private final List<Problem> problems;
    /** Bad levels (label) whose hangs include another signature than the case's. */
    private final Map<String, List<String>> mixed;
    private final List<String> badLevels;

    private CaseSignatures(Optional<String> signature, List<Problem> problems, Map<String, List<String>> mixed, List<String> badLevels) {
        this.signature = signature;
        this.problems = problems;
        this.mixed = mixed;
        this.badLevels = badLevels;
    }

    /** The signature most hung trials of a patch set showed in a run directory's journal. */
    static Optional<String> mostFrequent(Path runDir, String patchSet) {
        Map<String, Long> n = Journal.events(runDir, TrialFinished.class).stream()
                .filter(e -> patchSet.equals(e.patchSet()) && e.outcome() == Outcome.HUNG && e.signature() != null)
                .collect(Collectors.groupingBy(TrialFinished::signature, LinkedHashMap::new, Collectors.counting()));
        return n.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    static CaseSignatures read(Path dir, InvestigationCase c) {
        Optional<String> sig = c.signature();
        Map<String, Problem> bySig = new LinkedHashMap<>();
        // level label -> signatures of its hangs; the labels of the levels where the case's bug reproduced
        Map<String, Map<String, Integer>> perLevel = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        c.placed().stream().filter(InvestigationCase.Placed::reproduces).forEach(p -> bad.add(label(c, p.patchSet())));
        for (String phase : InvestigationBudget.PHASES) {
            Path d = phase.isEmpty() ? dir : dir.resolve(phase);
            if (!Files.isRegularFile(d.resolve(Journal.FILE))) {
                continue;
            }
            List<TrialFinished> finished = Journal.events(d, TrialFinished.class);
            for (TrialFinished e : finished) {
                if (!e.hung()) {
                    continue;
                }
                String s = e.signature() != null ? e.signature() : Signatures.NONE;
                String where = label(c, e.patchSet());
                perLevel.computeIfAbsent(where, k -> new LinkedHashMap<>()).merge(s, 1, Integer::sum);
                if (e.outcome() == Outcome.HUNG && sig.map(s::equals).orElse(true) && !bad.contains(where)) {
                    bad.add(where);
                }
            }
            for (Signatures.Group g : Signatures.of(finished)) {
                Problem p = bySig.get(g.signature());
                if (p == null) {
                    p = new Problem(g.signature(), sig.map(g.signature()::equals).orElse(g.bug()), new LinkedHashMap<>(),
                            g.exampleTrial(), g.exampleLog() == null ? null : d.resolve(g.exampleLog()));
                    bySig.put(g.signature(), p);
                }
                Problem into = p;
                g.perPatchSet().forEach((ps, n) -> into.where().merge(label(c, ps), n, Integer::sum));
            }
        }
        Map<String, List<String>> mixed = new LinkedHashMap<>();
        for (String level : bad) {
            List<String> others = perLevel.getOrDefault(level, Map.of()).keySet().stream()
                    .filter(s -> sig.map(x -> !x.equals(s)).orElse(false)).toList();
            if (!others.isEmpty()) {
                mixed.put(level, others);
            }
        }
        List<Problem> ordered = new ArrayList<>(bySig.values());
        ordered.sort((a, b) -> Boolean.compare(b.theCase(), a.theCase()));
        return new CaseSignatures(sig, List.copyOf(ordered), mixed, List.copyOf(bad));
    }

    /** A phase-1 patch set is shown with its level ({@code july-2018 (KB4338818)}); a bisect level is its own name. */
    private static String label(InvestigationCase c, String patchSet) {
        return c.placed().stream().filter(p -> p.patchSet().equals(patchSet)).findFirst()
                .map(p -> patchSet + " (" + c.names().get(p.level()) + ")").orElse(patchSet);
    }

    Optional<String> signature() {
        return signature;
    }

    List<Problem> problems() {
        return problems;
    }

    /** The case's problem, if a hang with its signature was triaged. */
    Optional<Problem> theCase() {
        return problems.stream().filter(Problem::theCase).findFirst();
    }

    List<Problem> others() {
        return problems.stream().filter(p -> !p.theCase()).toList();
    }

    /** Whether every bad level's hangs have the case's signature only. */
    boolean consistent() {
        return mixed.isEmpty();
    }

    /** The consistency check, one sentence. */
    String check() {
        if (signature.isEmpty()) {
            return "No hang was triaged with a signature, so the signature could not be checked across the bad levels.";
        }
        if (mixed.isEmpty()) {
            return "The same signature at every bad level (" + String.join(", ", badLevels) + ").";
        }
        return "Bad levels with hangs of another signature too (a different problem, counted apart): " + mixed.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join("; ", e.getValue())).collect(Collectors.joining(" | ")) + ".";
    }

    /** The debugger's lines of the case's example hang that show its wait. */
    Optional<String> excerpt(int maxLines) {
        return theCase().flatMap(p -> Signatures.excerpt(p.exampleLog(), p.signature(), maxLines));
    }

    List<String> lines() {
        List<String> l = new ArrayList<>();
        theCase().ifPresent(p -> l.add("signature of the case: " + p.signature() + " — " + p.total() + " hung trials: " + p.where()));
        l.add(check());
        for (Problem p : others()) {
            l.add("a different problem (not merged): " + p.signature() + " — " + p.total() + " hung trials: " + p.where());
        }
        return l;
    }
}
