package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A run began in a fresh run directory. */
@JsonTypeName("run-started")
public record RunStarted(String runId, String scenario, String lab, int finishedBefore) implements JournalEvent {
}
