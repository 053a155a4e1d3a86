package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.lab.fake.RecordingBackendFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Every command that opens a lab names its run, so a cloud backend tags (and on --resume reuses or reaps) the
 * run's resources instead of provisioning a new group.
 */
public class RunIdTest {

    private Path out;
    private Path config;

    @BeforeMethod
    public void setUp() throws Exception {
        RecordingBackendFactory.OPENED.clear();
        Path dir = Files.createTempDirectory("runid");
        out = dir.resolve("runs");
        config = Files.writeString(dir.resolve("lab.yaml"), "# the recording backend reads nothing\n");
    }

    private List<String> opened(String... args) {
        int exit = Main.execute(args);
        assertEquals(exit, Main.EXIT_INFRA, "the recording backend fails like an unreachable lab");
        return List.copyOf(RecordingBackendFactory.OPENED);
    }

    @Test
    public void trialOpensTheLabWithItsRunId() {
        List<String> ids = opened("trial", "../scenarios/smoke.yaml", "--patch-set", "june-2018", "--lab", "recording",
                "--lab-config", config.toString(), "--out", out.toString());
        assertEquals(ids.size(), 1);
        assertTrue(ids.get(0).matches("\\d{8}-\\d{6}-smoke"), ids.toString());
    }

    @Test
    public void bisectOpensTheLabWithItsRunIdAndResumeWithTheResumedOne() throws Exception {
        List<String> ids = opened("bisect", "../scenarios/apache-stop-hang.yaml", "--good", "base", "--bad", "KB4338818",
                "--lab", "recording", "--lab-config", config.toString(), "--out", out.toString());
        assertEquals(ids.size(), 1);
        assertTrue(ids.get(0).matches("\\d{8}-\\d{6}-.*-bisect"), ids.toString());

        RecordingBackendFactory.OPENED.clear();
        Path earlier = Files.createDirectories(out.resolve("20260101-000000-case-bisect"));
        Files.writeString(earlier.resolve("journal.jsonl"), "");
        assertEquals(opened("bisect", "../scenarios/apache-stop-hang.yaml", "--good", "base", "--bad", "KB4338818",
                "--lab", "recording", "--lab-config", config.toString(), "--resume", earlier.toString()),
                List.of("20260101-000000-case-bisect"));
    }

    @Test
    public void runResumeOpensTheLabWithTheResumedRunId() throws Exception {
        Path earlier = Files.createDirectories(out.resolve("20260101-000000-smoke"));
        Files.writeString(earlier.resolve("journal.jsonl"), "");
        assertEquals(opened("run", "../scenarios/smoke.yaml", "--lab", "recording", "--lab-config", config.toString(),
                "--resume", earlier.toString()), List.of("20260101-000000-smoke"));
    }
}
