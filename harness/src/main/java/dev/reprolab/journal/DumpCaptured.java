package dev.reprolab.journal;

import dev.reprolab.windows.dump.DumpKind;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * A dump was fetched from the guest: {@code kind} (process or kernel), where it is (relative to the run
 * directory), its size and SHA-256, and whether its header checked out ({@code problems} says what did not).
 */
@JsonTypeName("dump-captured")
public record DumpCaptured(String trialId, String patchSet, DumpKind kind, String path, long bytes, String sha256, boolean valid,
                           List<String> problems) implements JournalEvent {
    public DumpCaptured {
        problems = Events.list(problems);
    }

    public boolean kernel() {
        return kind == DumpKind.KERNEL;
    }
}
