package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A bisect ended: the level it settled on, how sure it is, whether that met the confidence asked for, trials used,
 * and {@code infrastructure}: why the lab stopped it (null when it was not stopped by the lab).
 */
@JsonTypeName("bisect-finished")
public record BisectFinished(String level, double probability, boolean decided, int trials, String infrastructure)
        implements JournalEvent {
}
