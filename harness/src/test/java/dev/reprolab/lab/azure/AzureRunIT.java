package dev.reprolab.lab.azure;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.cli.Main;
import dev.reprolab.lab.sim.SimAzure;
import dev.reprolab.sim.azure.SimArm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** {@code lab run --lab azure} on the simulated subscription: the case's verdicts, and nothing left behind even after kill -9. */
public class AzureRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimArm arm;
    private Path dir;

    @BeforeClass
    public void start() throws Exception {
        dir = Files.createTempDirectory("azurerun");
        arm = SimAzure.start(Catalog.load(Path.of("../vm-images/catalog.yaml")), dir.resolve("disks"), Duration.ofMillis(500));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private static Path onlyRunDir(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.filter(Files::isDirectory).toList();
            assertEquals(runs.size(), 1, runs.toString());
            return runs.get(0);
        }
    }

    @Test
    public void theSmokeScenarioGivesTheDefaultLabsVerdictsOnAzure() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("run"), 2, false);
        Path out = dir.resolve("runs");
        int exit = Main.execute("run", "../scenarios/smoke.yaml", "--lab", "azure", "--lab-config", config.toString(),
                "--out", out.toString());
        assertEquals(exit, 0, "every expectation of the smoke scenario held on azure");
        Path run = onlyRunDir(out);
        JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
        assertEquals(results.get("lab").asText(), "azure");
        for (JsonNode cell : results.get("cells")) {
            String ps = cell.get("patchSet").asText();
            if (ps.equals("june-2018")) {
                assertEquals(cell.get("reproduced").asInt(), 0, cell.toString());
            } else {
                assertTrue(cell.get("reproduced").asInt() > 0, cell.toString());
                assertTrue(cell.get("ci95").get(0).asDouble() > 0, cell.toString());
            }
            assertEquals(cell.get("infra").asInt(), 0, cell.toString());
        }
        assertEquals(arm.tagged(AzureBackend.RUN_TAG, run.getFileName().toString()), List.of(),
                "a finished run removes its resource group");
    }

    @Test
    public void aRunStoppedWithSigtermRemovesItsResourcesOnTheWayOut() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("term"), 1, false);
        String runId = stopAfterFirstTrial(config, dir.resolve("termed-runs"), "termed.log", false);
        assertEquals(arm.tagged(AzureBackend.RUN_TAG, runId), List.of(),
                "the exit hook deleted the run's resources: " + Files.readString(dir.resolve("termed.log")));
    }

    /**
     * Starts a child {@code lab run --lab azure} and stops it once its first trial started: SIGTERM (shutdown hooks
     * run), or SIGKILL (no hook, no close()) when {@code kill}. Returns its run id.
     */
    private String stopAfterFirstTrial(Path config, Path out, String log, boolean kill) throws Exception {
        Process p = child(config, out, log);
        try {
            awaitFirstTrial(p, out, log);
        } finally {
            if (kill) {
                p.destroyForcibly();
                p.waitFor();
            } else {
                p.destroy();
                assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "the run exits after SIGTERM");
            }
        }
        return onlyRunDir(out).getFileName().toString();
    }

    private Process child(Path config, Path out, String log) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "dev.reprolab.cli.Main", "run", "../scenarios/smoke.yaml", "--lab", "azure",
                "--lab-config", config.toString(), "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    private void awaitFirstTrial(Process p, Path out, String log) {
        Awaitility.await("the run's first trial").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertTrue(p.isAlive(), "the run ended early: " + Files.readString(dir.resolve(log)));
                    if (!Files.isDirectory(out)) {
                        return false;
                    }
                    try (Stream<Path> s = Files.list(out)) {
                        return s.anyMatch(r -> {
                            try {
                                return Files.readString(r.resolve("journal.jsonl")).contains("\"trial-started\"");
                            } catch (java.io.IOException e) {
                                return false;
                            }
                        });
                    }
                });
    }

    @Test
    public void killingTheRunLeavesResourcesThatLabReapRemoves() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("kill"), 2, false);
        String runId = stopAfterFirstTrial(config, dir.resolve("killed-runs"), "killed.log", true);
        List<String> left = arm.tagged(AzureBackend.RUN_TAG, runId);
        assertTrue(left.stream().anyMatch(id -> id.contains("/virtualMachines/")), "the killed run left its VMs: " + left);
        assertEquals(Main.execute("reap", "--lab-config", config.toString(), "--run", runId, "--dry-run"), 0);
        assertFalse(arm.tagged(AzureBackend.RUN_TAG, runId).isEmpty(), "a dry run deletes nothing");
        assertEquals(Main.execute("reap", "--lab-config", config.toString(), "--run", runId), 0);
        assertEquals(arm.tagged(AzureBackend.RUN_TAG, runId), List.of(), "nothing tagged with the run survives lab reap");
        assertTrue(arm.resourceIds().stream().noneMatch(id -> id.contains(AzureBackend.groupName(runId))),
                "nor anything in its resource group");
        assertEquals(Main.execute("reap", "--lab-config", config.toString()), 2, "--run or --all is required");
        assertTrue(new File(dir.resolve("killed.log").toString()).length() > 0);
    }
}
