package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * One of the scenario's steps ended: where it is defined, on which guest and patch set ({@code trialId} null for
 * prepare and install steps), how it ended, and the end of its output (the whole output is in the trial's
 * {@code steps/} directory); {@code error} is set when it failed.
 */
@JsonTypeName("step-finished")
public record StepFinished(String hook, String step, String shell, String definedAt, String patchSet, String trialId, String guest,
                           int exitCode, boolean timedOut, long durationMs, String output, String error) implements JournalEvent {
}
