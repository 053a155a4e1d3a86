package dev.reprolab.journal;

import java.time.Instant;

/** An event as the journal holds it: when it was appended ({@code ts}) and what happened. */
public record JournalEntry(Instant ts, JournalEvent event) {
}
