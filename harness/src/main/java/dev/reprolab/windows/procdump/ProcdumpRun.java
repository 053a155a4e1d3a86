package dev.reprolab.windows.procdump;

import java.util.List;

/**
 * What a procdump run printed: its version (null when the banner was not captured), the target pid when the
 * command line was captured (null otherwise), the dumps, whether it ended with "Dump count reached.", and the
 * exception lines a monitoring run ({@code -e}) printed ({@code "Exception: E0434F4D.System..."},
 * {@code "Unhandled: C0000409"}), without their time stamps.
 */
public record ProcdumpRun(String version, Integer pid, List<DumpWrite> dumps, boolean countReached,
                          List<String> exceptions) {

    public ProcdumpRun {
        dumps = List.copyOf(dumps);
        exceptions = List.copyOf(exceptions);
    }

    public ProcdumpRun(String version, Integer pid, List<DumpWrite> dumps, boolean countReached) {
        this(version, pid, dumps, countReached, List.of());
    }
}
