package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.sim.SimLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * {@code lab investigate}'s phases on a simulated lab that is wrong on purpose: another driver's hang at a level
 * (reported as a different problem, not merged, and not counted by the bisects), with the trigger swept so the
 * summary has its dose-response. ({@link InvestigationBaseImageIT} has the other wrong lab, in a class of its own so
 * the two long investigations run side by side.)
 */
public class InvestigationSimIT {

    static final String CASE = "hang: httpd.exe in afd!AfdCloseTransportEndpoint <- nt!IopCloseFile, waiting on tcpip!TcpTlListenerCloseEndpoint";
    static final String OTHER = "hang: httpd.exe in NETIO!WfpNotifyFlowContextDelete <- tcpip!TcpTlListenerCloseEndpoint, waiting on wfpguard!GuardFlowDeleteNotify";

    /** A copy of the smoke investigation with absolute paths, {@code from} replaced by {@code to}. */
    static Scenario smoke(String from, String to) throws Exception {
        Path original = InvestigateCommandIT.scenario("investigate-smoke.yaml");
        String text = Files.readString(original, StandardCharsets.UTF_8)
                .replace("../vm-images", original.toAbsolutePath().getParent().resolveSibling("vm-images").toString());
        assertTrue(text.contains(from), from);
        Path copy = Files.createTempDirectory("scenario").resolve("investigate-smoke.yaml");
        Files.writeString(copy, text.replace(from, to), StandardCharsets.UTF_8);
        return ScenarioLoader.load(copy);
    }

    static int investigate(Scenario s, SimBackend lab, Path dir, List<String> console) {
        return new Investigation(s, s.file(), "./lab investigate " + s.file(), null, dir, Clock.systemUTC(), console::add).run(lab);
    }

    @Test
    public void anotherDriversHangIsADifferentProblemAndTheSummaryShowsTheDoseResponse() throws Exception {
        Scenario s = smoke("netstat: [200ms]", "netstat: [\"off\", 200ms]");
        Path dir = Files.createTempDirectory("investigate").resolve("case");
        List<String> console = new ArrayList<>();
        int rc;
        try (SimBackend lab = SimBackends.start(Catalog.load(s.updates().catalog()), 2, Files.createTempDirectory("sim"), false)) {
            // a third-party WFP driver that hangs every stop once KB4345459 is in: a hang, but not the case's
            for (SimLab.Node n : lab.lab().nodes()) {
                n.guest().injectedHang().inject(kbs -> kbs.contains("KB4345459"), 1);
            }
            rc = investigate(s, lab, dir, console);
        }
        String out = String.join("\n", console);
        assertEquals(rc, Main.EXIT_OK, out);
        assertTrue(out.contains("first bad: KB4338818 (confidence "), out);
        assertTrue(out.contains("first fixed: KB4345459 (confidence "), out);
        assertTrue(out.contains("signature of the case: " + CASE), out);
        assertTrue(out.contains("a different problem (not merged): " + OTHER), out);
        String md = Files.readString(dir.resolve(CaseSummary.MARKDOWN));
        assertTrue(md.contains("**A different problem, not merged:** `" + OTHER + "`"), md);
        assertTrue(md.contains("july-2018-fixed (KB4345459)"), "the other problem's level: " + md);
        // the case's counts hold the case's hangs only
        assertTrue(md.contains("`" + CASE + "` — "), md);
        assertFalse(md.substring(md.indexOf("`" + CASE + "` — "), md.indexOf("\n", md.indexOf("`" + CASE + "` — "))).contains("july-2018-fixed"), md);
        assertTrue(md.contains("## Dose-response of the trigger"), md);
        // July under polling hangs nearly always on the sim, never without it: the row and its trend test are there
        assertTrue(md.matches("(?s).*\\| july-2018 \\| busy \\| off: 0/5, 200ms: [1-5]/5 \\| z = [0-9.]+, p = .*"), md);
        assertFalse(md.contains("| july-2018-fixed | busy |"), "the dose-response is the bad levels': " + md);
        String html = Files.readString(dir.resolve(CaseSummary.HTML));
        assertTrue(html.contains("<svg"), "the HTML has the dose-response chart");
    }
}
