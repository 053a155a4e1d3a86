package dev.reprolab.run;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.bisect.BisectEngine;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.journal.TrialTriage;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.sim.SimLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.testng.annotations.Test;

/**
 * Triage on the simulated lab, end to end: every hung July trial gets the case's signature (afd, tcpip) and the
 * listener's leaked references; a hang injected in another driver gets its own signature and outcome and is never
 * counted as the bug — in a run and in a bisect; a guest without debuggers still finishes the run, every hang
 * saying why its triage was unavailable.
 */
public class TriageRunIT {

    static final String CASE = "hang: httpd.exe in afd!AfdCloseTransportEndpoint <- nt!IopCloseFile, waiting on tcpip!TcpTlListenerCloseEndpoint";
    static final String OTHER = "hang: httpd.exe in NETIO!WfpNotifyFlowContextDelete <- tcpip!TcpTlListenerCloseEndpoint, waiting on wfpguard!GuardFlowDeleteNotify";

    /** A copy of a scenario with absolute paths and the given lines appended. */
    static Scenario scenario(String name, String extra) throws Exception {
        Path dir = Paths.get("..", "scenarios");
        if (!Files.isDirectory(dir)) {
            dir = Paths.get("scenarios");
        }
        String text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8)
                .replace("../vm-images", dir.toAbsolutePath().getParent().resolve("vm-images").toString());
        Path copy = Files.createTempDirectory("scenario").resolve(name);
        Files.writeString(copy, text + "\n" + extra, StandardCharsets.UTF_8);
        return ScenarioLoader.load(copy);
    }

    static void inject(SimBackend lab, java.util.function.Predicate<java.util.Collection<String>> levels) {
        for (SimLab.Node n : lab.lab().nodes()) {
            n.guest().injectedHang().inject(levels, 1);
        }
    }

    static List<TrialFinished> finished(Path runDir) {
        return Journal.events(runDir, TrialFinished.class);
    }

    @Test
    public void everyJulyHangHasTheCaseSignatureAndAnotherDriversHangIsItsOwnOutcome() throws Exception {
        Scenario s = scenario("smoke.yaml", "triage:\n  expectSignature: '" + CASE + "'\n");
        Path runDir = Files.createTempDirectory("triage").resolve("run");
        List<String> console = new ArrayList<>();
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            // a third-party WFP driver that hangs every stop at June's level (it is not loaded with July's rollup)
            inject(lab, kbs -> !kbs.contains("KB4338818"));
            List<Results.CellResult> results = new LabRun(s, lab, runDir, Clock.systemUTC(), console::add).execute(3);
            Results.CellResult june = results.stream().filter(c -> c.patchSet().equals("june-2018")).findFirst().orElseThrow();
            Results.CellResult july = results.stream().filter(c -> c.patchSet().equals("july-2018")).findFirst().orElseThrow();
            assertEquals(june.reproduced(), 0, "another driver's hangs are never the bug");
            assertEquals(june.otherFailures(), 3);
            assertEquals(july.reproduced(), 3, console.toString());
        }
        double seconds = 0;
        int hung = 0;
        for (TrialFinished e : finished(runDir)) {
            if (e.patchSet().equals("july-2018")) {
                assertEquals(e.outcome(), Outcome.HUNG, e.toString());
                assertEquals(e.signature(), CASE);
                TrialTriage.Listener l = e.triage().listener();
                assertTrue(l.references() > 1, e.toString());
                assertEquals(l.owner(), 1);
                assertEquals(l.leaked(), l.references() - 1);
                assertTrue(e.enumerations() > 0);
                seconds += e.triage().seconds();
                hung++;
            } else {
                assertEquals(e.outcome(), Outcome.HUNG_OTHER, e.toString());
                assertEquals(e.signature(), OTHER);
                assertTrue(e.reason().startsWith("a hang with another signature: " + OTHER), e.toString());
                assertEquals(e.triage().listener() == null ? 0 : e.triage().listener().leaked(), 0);
            }
        }
        System.out.printf("triage added %.2f s per hung trial on the sim (mean of %d)%n", seconds / hung, hung);
        JsonNode results = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
        JsonNode sigs = results.path("hangSignatures");
        assertEquals(sigs.size(), 2, sigs.toString());
        assertEquals(sigs.get(0).path("outcome").asText().equals("HUNG") ? sigs.get(0).path("perPatchSet").path("july-2018").asInt()
                : sigs.get(1).path("perPatchSet").path("july-2018").asInt(), 3);
        String html = Files.readString(runDir.resolve("summary.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h2 id=\"signatures\">Hangs by signature</h2>"), "summary.html has the signature table");
        assertTrue(html.contains("another hang (not counted)"));
        assertTrue(html.contains("<pre class=\"kd\">") && html.contains("tcpip!TcpTlListenerCloseEndpoint+0x6a"),
                "the kd excerpt of an example");
        assertTrue(Files.readString(runDir.resolve("trials").resolve(finished(runDir).stream()
                .filter(e -> e.outcome() == Outcome.HUNG).findFirst().orElseThrow().trialId())
                .resolve("triage-live.log")).contains("LiveKd"));
    }

    @Test
    public void withoutDebuggersTheRunFinishesAndEveryHangSaysWhy() throws Exception {
        Scenario s = scenario("smoke.yaml", "");
        Path runDir = Files.createTempDirectory("triage").resolve("run");
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            for (SimLab.Node n : lab.lab().nodes()) {
                Files.delete(n.guest().file("C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64\\kd.exe"));
                Files.delete(n.guest().file("C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64\\cdb.exe"));
                n.guest().checkpoint(SimLab.CLEAN);
            }
            List<Results.CellResult> results = new LabRun(s, lab, runDir, Clock.systemUTC(), l -> { }).execute(2);
            assertEquals(results.stream().filter(c -> c.patchSet().equals("july-2018")).findFirst().orElseThrow().reproduced(), 2);
            assertTrue(results.stream().allMatch(c -> c.infraErrors() == 0));
        }
        for (TrialFinished e : finished(runDir)) {
            if (e.outcome() == Outcome.HUNG) {
                assertTrue(e.reason().contains("no hang signature (triage unavailable: live: no kd.exe in "
                        + "C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64 or C:\\Program Files\\Debugging Tools for Windows (x64)"),
                        e.toString());
                assertEquals(e.signature(), null);
                assertFalse(e.triageLogs().isEmpty(), e.toString());
                for (TrialTriage.Log l : e.triageLogs()) {
                    assertTrue(l.unavailable().startsWith("triage unavailable: no "), l.toString());
                }
            }
        }
    }

    @Test
    public void aBisectDoesNotBlameALevelForAnotherDriversHang() throws Exception {
        Scenario s = scenario("apache-stop-hang.yaml", "triage:\n  expectSignature: '" + CASE + "'\n");
        Path runDir = Files.createTempDirectory("triage").resolve("bisect");
        List<String> log = new ArrayList<>();
        Consumer<String> progress = log::add;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 1, Files.createTempDirectory("sim"), false)) {
            // every stop hangs in wfpguard.sys before the July rollup: counted, these would make every level bad
            inject(lab, kbs -> !kbs.contains("KB4338818"));
            BisectEngine.Estimate est = new LabBisect(s, lab, runDir, Clock.systemUTC(), progress)
                    .run(4, 7, BisectEngine.Mode.CAUSE, 0.95, 60, BisectEngine.RatePrior.parse("7/7"), 3).estimate();
            // levels are counted from the good end: KB4093118 is 0, the July rollup KB4338818 is 3
            assertEquals(est.level(), 3, String.join("\n", log));
            assertTrue(String.join("\n", log).contains("first bad: level 3 (KB4338818)"), String.join("\n", log));
            assertTrue(est.decided(0.95));
        }
        List<TrialFinished> trials = finished(runDir);
        assertTrue(trials.stream().anyMatch(e -> e.outcome() == Outcome.HUNG_OTHER), "the injected hang was hit");
        assertFalse(trials.stream().anyMatch(e -> e.outcome() == Outcome.HUNG && !e.patchSet().contains("KB4338818")));
        // a bisect's trials carry what a run's do: duration, level and the triage
        assertTrue(trials.stream().allMatch(e -> e.durationMs() > 0 && e.bisectLevel().isPresent()), trials.toString());
        assertTrue(trials.stream().filter(TrialFinished::hung).allMatch(e -> e.triage() != null), trials.toString());
    }
}
