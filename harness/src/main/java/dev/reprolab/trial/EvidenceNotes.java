package dev.reprolab.trial;

import dev.reprolab.remote.LabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evidence capture that can never cost the trial its outcome. Each piece (a process dump, the System log, a kernel
 * dump) runs in its own guard: when the lab fails it — no MEMORY.DMP because the page file is on D: (Azure's
 * default), a ProcDump release that does not run on 2008 R2, a transfer past its deadline — the failure becomes a
 * line of {@code evidence-notes.txt} in the trial's directory and the next piece is still tried. A bug in our code
 * (any other RuntimeException) still fails loudly.
 */
final class EvidenceNotes {

    static final String FILE = "evidence-notes.txt";

    private final Path file;
    private boolean any;

    EvidenceNotes(Path trialDir) {
        this.file = trialDir.resolve(FILE);
    }

    /** Runs one capture; its lab failure is noted and an empty result returned. */
    <T> Optional<T> capture(String what, Supplier<T> capture) {
        try {
            return Optional.ofNullable(capture.get());
        } catch (LabException | UncheckedIOException e) {
            note(what + ": not captured: " + e.getMessage());
            return Optional.empty();
        }
    }

    void note(String line) {
        any = true;
        try {
            Files.writeString(file, line.strip() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether anything was noted (then the notes file is one of the trial's artifacts). */
    boolean any() {
        return any;
    }
}
