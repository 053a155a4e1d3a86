package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * VM time an investigation has spent, from the timestamps in its phases' journals: per session (a start or resume of
 * a run or a bisect) and VM, from the session's start to the VM's last event in it. That is the time the VM was held
 * for the investigation — patch-set installation, reboots, checkpoint restores, triage and the trials themselves —
 * which is what a lab (or a cloud bill) pays for; only the lab's start before the first session is left out.
 */
final class InvestigationBudget {

    /** The phases' directories, relative to the investigation directory, in the order they run. */
    static final List<String> PHASES = List.of("", "base", "cause", "fix");
    private static final Set<String> SESSION_STARTS = Set.of("run-started", "run-resumed", "bisect-started");

    private final Double hours;
    private int trials;
    private double trialHours;
    private double vmHours;

    InvestigationBudget(Double hours, Path dir) {
        this(hours, dir, PHASES);
    }

    private InvestigationBudget(Double hours, Path dir, List<String> phases) {
        this.hours = hours;
        for (String phase : phases) {
            Path d = phase.isEmpty() ? dir : dir.resolve(phase);
            if (Files.isRegularFile(d.resolve(Journal.FILE))) {
                add(Journal.read(d));
            }
        }
    }

    /** One phase's share (a directory of {@link #PHASES}). */
    static InvestigationBudget ofPhase(Path dir, String phase) {
        return new InvestigationBudget(null, dir, List.of(phase));
    }

    private void add(List<JsonNode> events) {
        Instant start = null;
        Map<String, Instant> last = new HashMap<>();
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            Instant ts = Instant.parse(e.path("ts").asText());
            if (SESSION_STARTS.contains(type)) {
                vmHours += held(start, last);
                last.clear();
                start = ts;
                continue;
            }
            String vm = e.path("guest").asText(e.path("vm").asText(""));
            if (start != null && !vm.isEmpty()) {
                last.put(vm, ts);
            }
            if (type.equals("trial-finished")) {
                trials++;
                trialHours += e.path("durationMs").asLong() / 3_600_000.0;
            }
        }
        vmHours += held(start, last);
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

    /** Trials a bisect may still run: its own budget, capped by what the VM-hour budget leaves at the mean cost of a trial. */
    int trialsLeft(int bisectBudget) {
        if (hours == null || trials == 0) {
            return bisectBudget;
        }
        long left = (long) Math.floor((hours - spentHours()) / hoursPerTrial());
        return (int) Math.max(2, Math.min(bisectBudget, left));
    }

    String line(String phase) {
        return String.format(Locale.ROOT, "after %s: %d trials, %.3f VM-hours (preparation included; trials alone %.3f)%s", phase,
                trials, spentHours(), trialHours, hours == null ? "" : String.format(Locale.ROOT, " of %.3f budgeted", hours));
    }
}
