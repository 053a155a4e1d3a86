package dev.reprolab.windows.procdump;

import java.util.List;

/**
 * What a procdump run printed: its version (null when the banner was not captured), the target pid when the
 * command line was captured (null otherwise), the dumps, and whether it ended with "Dump count reached.".
 */
public record ProcdumpRun(String version, Integer pid, List<DumpWrite> dumps, boolean countReached) {

    public ProcdumpRun {
        dumps = List.copyOf(dumps);
    }
}
