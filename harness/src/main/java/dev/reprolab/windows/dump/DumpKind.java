package dev.reprolab.windows.dump;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a dump holds: one process's memory (ProcDump {@code -ma}, a minidump) or the kernel's (the crash dump Windows
 * writes to {@code MEMORY.DMP}). Its word ({@code process}, {@code kernel}) is what journals, reports and summaries
 * have always written.
 */
public enum DumpKind {
    PROCESS, KERNEL;

    /** The word written for it. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a word names; null for any other word (a newer journal's kind this one does not know). */
    @JsonCreator
    public static DumpKind of(String word) {
        for (DumpKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return word();
    }
}
