package dev.reprolab.cli;

import dev.reprolab.journal.BisectStarted;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.JournalEntry;
import dev.reprolab.journal.JournalEvent;
import dev.reprolab.journal.PatchSetPrepared;
import dev.reprolab.journal.RunResumed;
import dev.reprolab.journal.RunStarted;
import dev.reprolab.journal.StepFinished;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialStarted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VM time an investigation has spent, from the timestamps in its phases' journals: per session (a start or resume of
 * a run or a bisect) and VM, from the session's start to the VM's last event in it. That is the time the VM was held
 * for the investigation — patch-set installation, reboots, checkpoint restores, triage and the trials themselves —
 * which is what a lab (or a cloud bill) pays for; only the lab's start before the first session is left out.
 */
final class InvestigationBudget {

    /** The phases' directories, relative to the investigation directory, in the order they run. */
    static final List<String> PHASES = List.of("", "base", "cause", "fix");

    private final Double hours;
    private int trials;
    private double trialHours;
    private double vmHours;
    /** Counted trials (not infrastructure errors) per phase: what a resumed bisect replays into its trial count. */
    private final Map<String, Integer> countedByPhase = new HashMap<>();

    InvestigationBudget(Double hours, Path dir) {
        this(hours, dir, PHASES);
    }

    private InvestigationBudget(Double hours, Path dir, List<String> phases) {
        this.hours = hours;
        for (String phase : phases) {
            Path d = phase.isEmpty() ? dir : dir.resolve(phase);
            if (Files.isRegularFile(d.resolve(Journal.FILE))) {
                add(phase, Journal.read(d));
            }
        }
    }

    /** One phase's share (a directory of {@link #PHASES}). */
    static InvestigationBudget ofPhase(Path dir, String phase) {
        return new InvestigationBudget(null, dir, List.of(phase));
    }

    private void add(String phase, List<JournalEntry> events) {
        Instant start = null;
        Map<String, Instant> last = new HashMap<>();
        for (JournalEntry entry : events) {
            JournalEvent e = entry.event();
            Instant ts = entry.ts();
            if (e instanceof RunStarted || e instanceof RunResumed || e instanceof BisectStarted) {
                vmHours += held(start, last);
                last.clear();
                start = ts;
                continue;
            }
            String vm = vm(e);
            if (start != null && vm != null && !vm.isEmpty()) {
                last.put(vm, ts);
            }
            if (e instanceof TrialFinished t) {
                trials++;
                trialHours += t.durationMs() / 3_600_000.0;
                if (t.outcome() != null && t.outcome().counts()) {
                    countedByPhase.merge(phase, 1, Integer::sum);
                }
            }
        }
        vmHours += held(start, last);
    }

    /** The VM an event happened on, null for events of the whole run. */
    private static String vm(JournalEvent e) {
        if (e instanceof TrialStarted t) {
            return t.guest();
        } else if (e instanceof TrialFinished t) {
            return t.guest();
        } else if (e instanceof StepFinished s) {
            return s.guest();
        } else if (e instanceof PatchSetPrepared p) {
            return p.vm();
        }
        return null;
    }

    private static double held(Instant start, Map<String, Instant> last) {
        double h = 0;
        for (Instant t : last.values()) {
            h += Math.max(0, t.toEpochMilli() - start.toEpochMilli()) / 3_600_000.0;
        }
        return h;
    }

    /** VM-hours held so far, preparation included. */
    double spentHours() {
        return vmHours;
    }

    /** VM-hours of the trials alone (start of the service to the verdict), for comparison. */
    double trialHours() {
        return trialHours;
    }

    int trials() {
        return trials;
    }

    Double budget() {
        return hours;
    }

    boolean exhausted() {
        return hours != null && spentHours() >= hours;
    }

    /** VM-hours per finished trial so far, preparation spread over them; 0 before the first. */
    double hoursPerTrial() {
        return trials == 0 ? 0 : vmHours / trials;
    }

    /**
     * The trial cap of the bisect of {@code phase}: its own budget, capped by what the VM-hour budget leaves at the mean
     * cost of a trial. The cap is the bisect's total, and a resumed bisect counts the trials it replays from its journal
     * against it, so those are added to what is left: else a bisect killed after more trials than the budget still
     * affords would stop at once, undecided, with VM-hours to spare.
     */
    int trialsLeft(int bisectBudget, String phase) {
        if (hours == null || trials == 0) {
            return bisectBudget;
        }
        long left = Math.max(0, (long) Math.floor((hours - spentHours()) / hoursPerTrial()));
        return (int) Math.max(2, Math.min(bisectBudget, countedByPhase.getOrDefault(phase, 0) + left));
    }

    String line(String phase) {
        return String.format(Locale.ROOT, "after %s: %d trials, %.3f VM-hours (preparation included; trials alone %.3f)%s", phase,
                trials, spentHours(), trialHours, hours == null ? "" : String.format(Locale.ROOT, " of %.3f budgeted", hours));
    }
}
