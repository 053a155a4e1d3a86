package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;

/**
 * A VM was brought to a patch set and checkpointed: the KBs asked for, the ones the guest lists as installed, and
 * the file versions read back (e.g. {@code tcpip.sys}).
 */
@JsonTypeName("patchset-prepared")
public record PatchSetPrepared(String patchSet, String vm, String checkpoint, List<String> kbs, List<String> installed,
                               Map<String, String> fileVersions) implements JournalEvent {
    public PatchSetPrepared {
        kbs = Events.list(kbs);
        installed = Events.list(installed);
        fileVersions = Events.map(fileVersions);
    }
}
