package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.run.LabRun;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.trial.TrialRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * A whole run with {@code lab.fileChannel: http}: the simulated guest fetches Apache and the updates from the
 * controller's file server over real sockets and PUTs the process and kernel dumps back, and the verdicts are the
 * smoke scenario's. The server's own record of what it served and received shows the files went over HTTP.
 */
public class HttpRunTest {

    @Test
    public void aRunOnTheHttpChannelMovesItsFilesThroughTheControllersFileServer() throws Exception {
        Path scenarios = Path.of("../scenarios").toAbsolutePath().normalize();
        String yaml = Files.readString(scenarios.resolve("smoke.yaml"))
                .replace("  guests: 2", "  guests: 1\n  fileChannel: http");
        Path file = Files.createTempFile(scenarios, "http-", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, yaml);
        Scenario s = ScenarioLoader.load(file);
        assertEquals(s.lab().fileChannel(), FileChannel.HTTP);
        Path runDir = Files.createTempDirectory("httprun").resolve("run");
        int servedBefore = HttpFileServer.served().size();
        int receivedBefore = HttpFileServer.received().size();
        List<Results.CellResult> results;
        try (SimBackend sim = SimBackends.start(Catalog.load(s.updates().catalog()), 1, Files.createTempDirectory("sim"), false)) {
            LabRun run = new LabRun(s, sim, runDir, Clock.systemUTC(), l -> { }).start(2, TrialRecorder.NONE);
            run.runTrials(t -> true);
            results = run.finish();
        }
        for (Results.CellResult c : results) {
            assertEquals(c.infraErrors(), 0, c.toString());
            assertEquals(c.reproduced(), c.patchSet().equals("june-2018") ? 0 : 2, c.toString());
        }
        List<String> served = HttpFileServer.served().subList(servedBefore, HttpFileServer.served().size());
        List<String> received = HttpFileServer.received().subList(receivedBefore, HttpFileServer.received().size());
        assertTrue(served.contains("httpd.exe"), "Apache went up over HTTP: " + served);
        assertTrue(served.stream().anyMatch(n -> n.toLowerCase().endsWith(".msu")), "the updates went up over HTTP: " + served);
        assertTrue(received.contains("MEMORY.DMP"), "the kernel dump came back over HTTP: " + received);
        assertTrue(received.stream().anyMatch(n -> n.startsWith("httpd-") && n.endsWith(".dmp")), "process dumps came back over HTTP: " + received);
        List<Path> dumps;
        try (Stream<Path> files = Files.walk(runDir.resolve("trials"))) {
            dumps = files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".dmp")).toList();
        }
        assertTrue(dumps.stream().anyMatch(p -> p.getFileName().toString().equals("MEMORY.DMP")), dumps.toString());
        // every cell polled at 200 ms and reports what the guest achieved, from its own stamps
        com.fasterxml.jackson.databind.JsonNode cells = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(runDir.resolve("results.json").toFile()).path("cells");
        for (com.fasterxml.jackson.databind.JsonNode c : cells) {
            assertEquals(c.path("pollInterval").path("targetMs").asLong(), 200L, c.toString());
            assertTrue(c.path("pollInterval").path("medianMs").asLong() >= 150, c.toString());
            assertEquals(c.path("pollInterval").path("trials").asInt(), 2, c.toString());
        }
        assertTrue(Files.readString(runDir.resolve("summary.html")).contains("id=\"poll-intervals\""), "summary.html shows the achieved interval");
    }
}
