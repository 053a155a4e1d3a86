package dev.reprolab.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class FactorTrendsTest {

    /** The case's cells with their load levels' definitions, busy (an open loop) written first as in the scenario. */
    static List<JsonNode> cells(boolean withLevels) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : TrendsTest.caseCells()) {
            if (withLevels) {
                boolean busy = c.path("factors").path("load").asText().equals("busy");
                ((ObjectNode) c).putObject("loadLevel").put("clients", busy ? 4 : 2).put("rate", busy ? 0.0 : 4.0);
            }
            out.add(c);
        }
        return out;
    }

    @Test
    public void loadLevelsAreOrderedByTheRequestsTheyOfferAnOpenLoopHeaviest() throws Exception {
        // caseCells lists light first; with the definitions busy (rate 0: as fast as the guest answers) is heavier
        List<JsonNode> c = cells(true);
        assertEquals(FactorTrends.loadOrder(c), List.of("light", "busy"));
        ((ObjectNode) c.get(0).path("loadLevel")).put("rate", 100.0); // light at 2 x 100 a second: still below an open loop
        assertEquals(FactorTrends.loadOrder(c), List.of("light", "busy"));
        for (JsonNode x : c) {
            if (x.path("factors").path("load").asText().equals("busy")) {
                ((ObjectNode) x.path("loadLevel")).put("rate", 1.0); // busy at 4 a second now offers less than light's 200
            }
        }
        assertEquals(FactorTrends.loadOrder(c), List.of("busy", "light"));
        // without definitions (an older results.json) the cells' own order, which is the scenario's
        assertEquals(FactorTrends.loadOrder(cells(false)), List.of("light", "busy"));
    }

    @Test
    public void everyOrderedFactorGetsItsTrendTestNetstatFirst() throws Exception {
        List<FactorTrends.Series> all = FactorTrends.of(cells(true));
        assertEquals(all.stream().filter(s -> s.factor().equals("netstat")).count(), 4); // 2 patch sets x 2 loads
        assertEquals(all.stream().filter(s -> s.factor().equals("load")).count(), 6);    // 2 patch sets x 3 intervals
        assertEquals(all.get(0).factor(), "netstat");
        FactorTrends.Series at5s = all.stream().filter(s -> s.factor().equals("load") && s.patchSet().equals("july-2018")
                && s.held().equals("5s")).findFirst().orElseThrow();
        assertEquals(at5s.points().stream().map(FactorTrends.Point::level).toList(), List.of("light", "busy"));
        assertEquals(at5s.points().get(0).score(), 0.0);
        assertEquals(at5s.points().get(1).score(), 1.0);
        // light 3/10 against busy 7/7: p̄ = 10/17, T = 7 - 7 * 10/17 = 2.882, Var T = p̄(1 - p̄) * 10 * 7/17 = 0.9966, z = 2.887
        assertEquals(at5s.trend().z(), 2.887, 0.002);
        assertTrue(at5s.trend().pValue() < 0.005);
        FactorTrends.Series off = all.stream().filter(s -> s.factor().equals("load") && s.patchSet().equals("july-2018")
                && s.held().equals("off")).findFirst().orElseThrow();
        assertFalse(off.trend().testable(), "0 % at both loads: nothing to test");
    }

    @Test
    public void oneSentenceNamesTheTrendOfEachFactor() throws Exception {
        String s = FactorTrends.sentence(FactorTrends.of(cells(true)));
        assertTrue(s.startsWith("The repro rate rises with the netstat polling rate on july-2018 under light load (from 0 % to 75 %, z = "), s);
        assertTrue(s.contains("; it rises with the load on july-2018 with netstat every 5s (from 30 % to 100 %, z = "), s);
        assertTrue(s.contains("the load's rank from lightest (light < busy)"), s);
        assertTrue(s.contains("the other 5 series show no trend at p < 0.05"), "8 testable (1s has no busy cell), 3 trend: " + s);
        assertTrue(s.endsWith(").") && !s.contains(". "), "one sentence: " + s);
        assertTrue(FactorTrends.sentence(List.of()).contains("no trend to test"));
    }

    @Test
    public void saysSoWhenNoSeriesTrends() throws Exception {
        List<JsonNode> flat = List.of(TrendsTest.cell("june", "off", "light", 0, 5), TrendsTest.cell("june", "1s", "light", 0, 5),
                TrendsTest.cell("june", "off", "busy", 0, 5), TrendsTest.cell("june", "1s", "busy", 0, 5));
        String s = FactorTrends.sentence(FactorTrends.of(flat));
        assertTrue(s.startsWith("No series shows a trend of the repro rate across netstat polling rates or load levels (Cochran–Armitage"), s);
    }
}
