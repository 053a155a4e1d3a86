package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * One counted bisect trial as the engine took it: the level tried, whether it reproduced, and the engine's best
 * level and its probability afterwards ({@code trials} counted so far, resumed ones included).
 */
@JsonTypeName("bisect-step")
public record BisectStep(int trials, String level, boolean reproduced, String bestLevel, double probability) implements JournalEvent {
}
