package dev.reprolab.windows.procdump;

import java.time.LocalTime;
import java.util.List;

/**
 * One dump procdump started: its number, the file, the estimate and, when it finished, the size written and the
 * seconds it took ({@code writtenMb == null} means no "complete" line was printed). ProcDump 11 and later print
 * {@code Dump N info:} lines (the free space on the target volume) before "initiated"; they are kept in
 * {@code info}, the bytes of "Available space" in {@code availableBytes}. A "Dump N error:" line and the system
 * message under it are kept in {@code error}.
 */
public record DumpWrite(int number, String path, LocalTime initiated, Long estimatedMb, LocalTime completedAt,
                        Long writtenMb, Double seconds, List<String> info, Long availableBytes, String error) {

    public DumpWrite {
        info = List.copyOf(info);
    }

    /** The layout of ProcDump 7 to 10 (no info lines, no error). */
    public DumpWrite(int number, String path, LocalTime initiated, Long estimatedMb, LocalTime completedAt,
                     Long writtenMb, Double seconds) {
        this(number, path, initiated, estimatedMb, completedAt, writtenMb, seconds, List.of(), null, null);
    }

    public boolean completed() {
        return writtenMb != null;
    }

    public boolean failed() {
        return error != null;
    }
}
