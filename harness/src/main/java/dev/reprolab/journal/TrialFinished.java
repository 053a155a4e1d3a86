package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trial's result: the outcome the classifier gave, why, how long it took and the files it left (paths relative
 * to the run directory); {@code enumerations} is how many netstat snapshots walked the connection table during it, {@code pollInterval}
 * the interval those snapshots really ran at (null when netstat was off or older journals).
 * A hang that was triaged carries its {@code signature} (null when the debuggers found none), the dump's
 * {@code bucket} and the {@link TrialTriage} details. Journals written before every trial carried its factors had a
 * bisect trial's level in {@code level}; {@link #bisectLevel()} reads either.
 */
@JsonTypeName("trial-finished")
public record TrialFinished(String trialId, String patchSet, String cell, Map<String, String> factors, String guest,
                            Outcome outcome, String reason, long durationMs, List<String> artifacts, int enumerations,
                            PollInterval pollInterval, String signature, String bucket, TrialTriage triage, String level)
        implements JournalEvent {
    public TrialFinished {
        factors = Events.map(factors);
        artifacts = Events.list(artifacts);
    }

    public TrialFinished(String trialId, String patchSet, String cell, Map<String, String> factors, String guest,
                         Outcome outcome, String reason, long durationMs, List<String> artifacts) {
        this(trialId, patchSet, cell, factors, guest, outcome, reason, durationMs, artifacts, 0, null, null, null, null, null);
    }

    /** The bisect level the trial ran at, if it was a bisect's. */
    public Optional<String> bisectLevel() {
        return Optional.ofNullable(factors.getOrDefault("level", level));
    }

    /** A hang of either kind (the bug's, or another signature's). */
    public boolean hung() {
        return outcome == Outcome.HUNG || outcome == Outcome.HUNG_OTHER;
    }

    /** The triage's logs, none when the trial was not triaged. */
    public List<TrialTriage.Log> triageLogs() {
        return triage == null ? List.of() : triage.logs();
    }
}
