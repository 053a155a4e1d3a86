package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;

/** A trial began on a guest. {@code factors} are its cell's factor values (a bisect trial's: {@code level}). */
@JsonTypeName("trial-started")
public record TrialStarted(String trialId, String patchSet, String cell, Map<String, String> factors, String guest)
        implements JournalEvent {
    public TrialStarted {
        factors = Events.map(factors);
    }
}
