package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A run went on in a directory whose journal already had events ({@code --resume}); {@code finishedBefore} trials are kept. */
@JsonTypeName("run-resumed")
public record RunResumed(String runId, String scenario, String lab, int finishedBefore) implements JournalEvent {
}
