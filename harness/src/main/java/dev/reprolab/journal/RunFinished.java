package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Every planned trial of the run has finished; results and summary follow. Absent when the run was killed. */
@JsonTypeName("run-finished")
public record RunFinished() implements JournalEvent {
}
