package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * {@code lab investigate} began or ended one of its phases ({@code phase} reproduce | base | cause | fix | explain |
 * hand over, {@code state} what happened, {@code detail} in words), with the trials and VM-hours spent so far.
 */
@JsonTypeName("investigation-phase")
public record InvestigationPhase(String phase, String state, String detail, int trials, double vmHours) implements JournalEvent {
}
