package dev.reprolab.journal;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import dev.reprolab.remote.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.testng.annotations.Test;

public class JournalTest {

    @Test
    public void aTornLastLineIsSkippedAndTheNextAppendStartsCleanly() throws Exception {
        Path dir = Files.createTempDirectory("run");
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append("trial-finished", e -> e.put("trialId", "a"));
        }
        Files.writeString(dir.resolve(Journal.FILE), "{\"ts\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(Journal.read(dir).size(), 1);
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append("trial-finished", e -> e.put("trialId", "b"));
        }
        assertEquals(Journal.read(dir).stream().map(e -> e.path("trialId").asText()).toList(), java.util.List.of("a", "b"));
    }

    @Test
    public void secretsAreMaskedOnTheWayIn() throws Exception {
        Secret s = Secret.of("canary-" + System.nanoTime());
        Path dir = Files.createTempDirectory("run");
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append("note", e -> e.put("reason", "logon with " + s.reveal() + " failed"));
        }
        assertFalse(Files.readString(dir.resolve(Journal.FILE)).contains(s.reveal()));
    }
}
