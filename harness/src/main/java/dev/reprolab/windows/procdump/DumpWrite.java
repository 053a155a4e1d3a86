package dev.reprolab.windows.procdump;

import java.time.LocalTime;

/**
 * One dump procdump started: its number, the file, the estimate and, when it finished, the size written and the
 * seconds it took ({@code writtenMb == null} means no "complete" line was printed).
 */
public record DumpWrite(int number, String path, LocalTime initiated, Long estimatedMb, LocalTime completedAt,
                        Long writtenMb, Double seconds) {

    public boolean completed() {
        return writtenMb != null;
    }
}
