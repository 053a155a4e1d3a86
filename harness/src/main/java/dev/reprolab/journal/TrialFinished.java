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
 * bisect trial's level in {@code level}; {@link #bisectLevel()} reads either. {@code clockAtStart} and
 * {@code clockAtEnd} are the guest's clock offset read at the trial's start and end, by which its guest-stamped events
 * were put on the controller's timeline (null in journals written before they were measured, and when the guest gave
 * no time).
 */
@JsonTypeName("trial-finished")
public record TrialFinished(String trialId, String patchSet, String cell, Map<String, String> factors, String guest,
                            Outcome outcome, String reason, long durationMs, List<String> artifacts, int enumerations,
                            PollInterval pollInterval, String signature, String bucket, TrialTriage triage, String level,
                            ClockOffset clockAtStart, ClockOffset clockAtEnd)
        implements JournalEvent {
    public TrialFinished {
        factors = Events.map(factors);
        artifacts = Events.list(artifacts);
    }

    public TrialFinished(String trialId, String patchSet, String cell, Map<String, String> factors, String guest,
                         Outcome outcome, String reason, long durationMs, List<String> artifacts) {
        this(trialId, patchSet, cell, factors, guest, outcome, reason, durationMs, artifacts, 0, null, null, null, null, null);
    }

    /** A trial whose guest clock was not read. */
    public TrialFinished(String trialId, String patchSet, String cell, Map<String, String> factors, String guest,
                         Outcome outcome, String reason, long durationMs, List<String> artifacts, int enumerations,
                         PollInterval pollInterval, String signature, String bucket, TrialTriage triage, String level) {
        this(trialId, patchSet, cell, factors, guest, outcome, reason, durationMs, artifacts, enumerations, pollInterval,
                signature, bucket, triage, level, null, null);
    }

    /** Whether time sync stepped the guest's clock during the trial (the offsets differ by more than their errors). */
    public boolean clockStepped() {
        return clockAtStart != null && clockAtEnd != null && Math.abs(clockAtEnd.offsetMs() - clockAtStart.offsetMs())
                > clockAtStart.errorMs() + clockAtEnd.errorMs() + 16;
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
