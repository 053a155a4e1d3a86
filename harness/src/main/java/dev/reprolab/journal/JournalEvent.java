package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One event of a run's journal. Each kind is a record in this package, named on the wire by its
 * {@link com.fasterxml.jackson.annotation.JsonTypeName} (the {@code type} field of a journal line) and written and read
 * by the one codec, {@link JournalCodec}.
 *
 * <p>To add an event: write its record here (with {@code @JsonTypeName("my-event")}) and add it to {@code permits}.
 * The codec finds its subtypes from this list, so nothing else needs registering. Components that are absent
 * from an older journal read as {@code null} (objects) or zero/false (primitives), so make new fields nullable or
 * give them a meaning when zero.
 *
 * <p>The order in which a run appends them is documented on {@code dev.reprolab.run.JournalRecorder}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface JournalEvent permits RunStarted, RunResumed, RunFinished, PatchSetPrepared, TrialStarted, TrialFinished,
        DumpCaptured, BisectStarted, BisectStep, BisectFinished, StepFinished, InvestigationPhase {
}
