package dev.reprolab.scenario;

import static dev.reprolab.scenario.ScenarioLoaderTest.GOOD;
import static dev.reprolab.scenario.ScenarioLoaderTest.write;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.input.BadInputException;
import dev.reprolab.triage.TriageSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/** The scenario's {@code triage:} section: defaults, overrides, and bad input with file:line:col. */
public class TriageSectionTest {

    @Test
    public void defaultsWithoutASection() throws Exception {
        TriageSpec t = ScenarioLoader.load(write(GOOD)).triage();
        assertTrue(t.enabled());
        assertEquals(t.debuggerDirs(), TriageSpec.DEBUGGER_DIRS);
        assertEquals(t.modules(), List.of("afd", "tcpip"));
        assertTrue(t.expectSignature().isEmpty());
        assertEquals(t.deadline(), Duration.ofMinutes(3));
    }

    @Test
    public void overrides() throws Exception {
        TriageSpec t = ScenarioLoader.load(write(GOOD + "triage:\n  debuggers: ['D:\\dbg']\n  modules: [afd, tcpip, netio]\n"
                + "  liveCommands: '!process 0 7 %IMAGE%'\n  expectSignature: 'hang: httpd.exe in x'\n  deadline: 90s\n")).triage();
        assertEquals(t.debuggerDirs(), List.of("D:\\dbg"));
        assertEquals(t.modules(), List.of("afd", "tcpip", "netio"));
        assertEquals(t.liveCommands(), "!process 0 7 %IMAGE%");
        assertEquals(t.expectSignature().orElseThrow(), "hang: httpd.exe in x");
        assertEquals(t.deadline(), Duration.ofSeconds(90));
        assertEquals(t.forRun().book().expected().orElseThrow(), "hang: httpd.exe in x");
    }

    @Test
    public void badInputPointsAtTheSpot() throws Exception {
        for (String[] bad : new String[][] {
            {"triage:\n  modulez: [afd]\n", ":15:3:", "unknown key 'modulez' (did you mean 'modules'?)"},
            {"triage:\n  deadline: soon\n", ":15:", "does not match"},
            {"triage:\n  kernelCommands: 'vertarget; q; lmvm afd'\n", ":15:", "'q' quits the debugger"},
            {"triage:\n  expectSignature: 'afd hang'\n", ":15:", "does not match"},
        }) {
            Path f = write(GOOD + bad[0]);
            BadInputException e = expectThrows(BadInputException.class, () -> ScenarioLoader.load(f));
            assertTrue(e.getMessage().startsWith(f + bad[1]), e.getMessage());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
            assertEquals(e.getMessage().lines().count(), 1L);
        }
    }
}
