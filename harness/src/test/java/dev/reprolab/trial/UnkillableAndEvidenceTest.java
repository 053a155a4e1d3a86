package dev.reprolab.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.LabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.testng.annotations.Test;

public class UnkillableAndEvidenceTest {

    @Test
    public void aProcessThatGoesWithinTheGraceIsNotUnkillableOneThatStaysIs() {
        long killedAt = System.nanoTime();
        assertTrue(Unkillable.goneWithin(() -> System.nanoTime() - killedAt > Duration.ofMillis(800).toNanos(), Duration.ofSeconds(3)));
        assertFalse(Unkillable.goneWithin(() -> false, Duration.ofMillis(700)));
    }

    @Test
    public void aLabFailureOfOnePieceIsANoteAndTheNextPieceIsStillTaken() throws Exception {
        Path dir = Files.createTempDirectory("trial");
        EvidenceNotes notes = new EvidenceNotes(dir);
        Optional<String> kernel = notes.capture("kernel dump", () -> {
            throw new LabException("lab-01: C:\\Windows\\MEMORY.DMP does not exist (the page file is on D:)");
        });
        Optional<String> log = notes.capture("System log", () -> "events-system.txt");
        assertTrue(kernel.isEmpty());
        assertEquals(log, Optional.of("events-system.txt"));
        assertTrue(notes.any());
        assertEquals(Files.readString(dir.resolve(EvidenceNotes.FILE)),
                "kernel dump: not captured: lab-01: C:\\Windows\\MEMORY.DMP does not exist (the page file is on D:)\n");
        // a bug in our code is not the lab's failure: it is not swallowed into a note
        expectThrows(IllegalStateException.class, () -> notes.capture("procdump", () -> {
            throw new IllegalStateException("bug");
        }));
    }
}
