package dev.reprolab.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.PollInterval;
import dev.reprolab.journal.TrialFinished;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/** The achieved poll interval per cell: aggregated from the trials' stamps into results.json, shown in both summaries. */
public class PollIntervalsTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static TrialFinished trial(String set, String cell, long target, long median, long p95, long max) {
        return trial(set, cell, new PollInterval(target, 9, median, median, p95, max));
    }

    private static TrialFinished trial(String set, String cell, PollInterval p) {
        return new TrialFinished(set + "." + cell, set, cell, Map.of(), "lab-1", Outcome.STOPPED_CLEANLY, "stopped", 1000, List.of(), 3,
                p, null, null, null, null);
    }

    @Test
    public void eachCellGetsTheMedianOfItsTrialsAndTheWorstGaps() throws Exception {
        Path dir = Files.createTempDirectory("poll");
        Files.writeString(dir.resolve("results.json"), "{\"cells\":[{\"patchSet\":\"july\",\"cell\":\"busy-200ms\"},"
                + "{\"patchSet\":\"july\",\"cell\":\"busy-1s\"},{\"patchSet\":\"july\",\"cell\":\"busy-off\"}]}");
        List<TrialFinished> events = new ArrayList<>(List.of(trial("july", "busy-200ms", 200, 210, 260, 400), trial("july", "busy-200ms", 200, 330, 390, 800),
                trial("july", "busy-200ms", 200, 290, 300, 310), trial("july", "busy-1s", 1000, 1004, 1010, 1020)));
        events.add(trial("july", "busy-off", null));
        PollIntervals.addToResults(dir, events);
        JsonNode cells = M.readTree(dir.resolve("results.json").toFile()).path("cells");
        JsonNode fast = cells.get(0).path("pollInterval");
        assertEquals(fast.path("medianMs").asLong(), 290);
        assertEquals(fast.path("p95Ms").asLong(), 390);
        assertEquals(fast.path("maxMs").asLong(), 800);
        assertEquals(fast.path("trials").asInt(), 3);
        assertEquals(cells.get(1).path("pollInterval").path("medianMs").asLong(), 1004);
        assertFalse(cells.get(2).has("pollInterval"), "a cell without polling has no interval");

        StringBuilder h = new StringBuilder();
        PollIntervals.html(h, List.of(cells.get(0), cells.get(1), cells.get(2)));
        assertTrue(h.toString().contains("<td>200 ms</td><td>290 ms</td>"), h.toString());
        assertTrue(h.toString().contains("the guest could not keep the pace"), "290 ms for 200 ms is flagged");
        StringBuilder md = new StringBuilder();
        PollIntervals.markdown(md, List.of(cells.get(0), cells.get(1)));
        assertTrue(md.toString().contains("| july | busy-1s | 1000 ms | 1004 ms | 1010 ms | 1020 ms | 1 |  |"), md.toString());
    }
}
