package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VM time an investigation has spent, from the trials' durations in its journals (the reproduce run's and each
 * bisect's). Preparation and restores are not counted, so this underestimates; the budget is a stop rule, not a bill.
 */
final class InvestigationBudget {

    private final Double hours;
    private final List<Long> durations = new ArrayList<>();

    InvestigationBudget(Double hours, Path dir) {
        this.hours = hours;
        for (Path d : List.of(dir, dir.resolve("cause"), dir.resolve("fix"))) {
            if (Files.isRegularFile(d.resolve(Journal.FILE))) {
                for (JsonNode e : Journal.read(d)) {
                    if (e.path("type").asText().equals("trial-finished") && e.has("durationMs")) {
                        durations.add(e.path("durationMs").asLong());
                    }
                }
            }
        }
    }

    double spentHours() {
        return durations.stream().mapToLong(Long::longValue).sum() / 3_600_000.0;
    }

    int trials() {
        return durations.size();
    }

    boolean exhausted() {
        return hours != null && spentHours() >= hours;
    }

    /** Trials a bisect may still run: its own budget, capped by what the VM-hour budget leaves at the mean trial time. */
    int trialsLeft(int bisectBudget) {
        if (hours == null || durations.isEmpty()) {
            return bisectBudget;
        }
        double mean = spentHours() / durations.size();
        long left = (long) Math.floor((hours - spentHours()) / mean);
        return (int) Math.max(2, Math.min(bisectBudget, left));
    }

    String line(String phase) {
        return String.format(Locale.ROOT, "after %s: %d trials, %.3f VM-hours%s", phase, trials(), spentHours(),
                hours == null ? "" : String.format(Locale.ROOT, " of %.3f budgeted", hours));
    }
}
