package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class CompareCommandTest {

    static Path run(String cells) throws Exception {
        Path dir = Files.createTempDirectory("run");
        Files.writeString(dir.resolve("results.json"), "{\"runId\":\"r\",\"cells\":[" + cells + "]}");
        return dir;
    }

    static String cell(String ps, int trials, int hung) {
        return "{\"patchSet\":\"" + ps + "\",\"cell\":\"netstat=200ms,load=busy\",\"trials\":" + trials + ",\"reproduced\":" + hung
                + ",\"infraErrors\":0}";
    }

    @Test
    public void mergesRunsAndTestsAgainstTheBaseline() throws Exception {
        Path a = run(cell("june", 5, 0) + "," + cell("july", 3, 3));
        Path b = run(cell("june", 5, 0) + "," + cell("july", 4, 4));
        CliRun r = CliRun.of("compare", a.toString(), b.toString(), "--json");
        assertEquals(r.exit(), 0, r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode july = root.path("cells").get(1);
        assertEquals(july.path("trials").asInt(), 7);
        assertEquals(july.path("reproduced").asInt(), 7);
        // 7/7 vs 0/10: only the observed table is as extreme (the mirror, 0/7 vs 7/10, has P = 120/C(17,7)),
        // so the two-sided p = 1 / C(17,7) = 1/19448
        assertEquals(july.path("pValue").asDouble(), 1.0 / 19448, 1e-12);
        assertTrue(july.path("ciLow").asDouble() > 0.6);
    }

    @Test
    public void addsTheTrendAcrossPollingLevels() throws Exception {
        String cells = "";
        String[][] rows = {{"off", "0", "5"}, {"5s", "2", "8"}, {"1s", "6", "8"}};
        for (String[] r : rows) {
            cells += (cells.isEmpty() ? "" : ",") + "{\"patchSet\":\"july\",\"cell\":\"netstat=" + r[0] + ",load=light\",\"factors\":"
                    + "{\"netstat\":\"" + r[0] + "\",\"load\":\"light\"},\"trials\":" + r[2] + ",\"reproduced\":" + r[1] + ",\"infraErrors\":0}";
        }
        String text = jsonThenText(run(cells));
        JsonNode root = new ObjectMapper().readTree(text.substring(0, text.indexOf("\n}") + 2));
        JsonNode t = root.path("trends").get(0);
        assertEquals(t.path("test").asText(), "cochran-armitage");
        assertEquals(t.path("points").size(), 3);
        // groups (score 0, 0/5), (0.2, 2/8), (1, 6/8): p̄ = 8/21, T = 2.7429, Var T = 0.92714, z = 2.8486 (by hand)
        assertEquals(t.path("z").asDouble(), 2.8486, 0.0005);
        assertEquals(t.path("pValue").asDouble(), 0.00439, 0.0001);
        assertTrue(text.contains("Trend across netstat polling (Cochran–Armitage, score = polls per second):"), text);
        assertTrue(text.contains("july                 light    off 0/5  5s 2/8  1s 6/8"), text);
    }

    @Test
    public void addsTheTrendAcrossLoadLevelsInOrderOfOfferedLoad() throws Exception {
        // busy (an open loop) is written first, as in the case scenario; light offers 2 x 4 requests a second
        String busy = ",\"loadLevel\":{\"clients\":4,\"rate\":0.0}";
        String light = ",\"loadLevel\":{\"clients\":2,\"rate\":4.0}";
        String cells = "{\"patchSet\":\"july\",\"cell\":\"netstat=5s,load=busy\",\"factors\":{\"netstat\":\"5s\",\"load\":\"busy\"}"
                + busy + ",\"trials\":7,\"reproduced\":7,\"infraErrors\":0},"
                + "{\"patchSet\":\"july\",\"cell\":\"netstat=5s,load=light\",\"factors\":{\"netstat\":\"5s\",\"load\":\"light\"}"
                + light + ",\"trials\":10,\"reproduced\":3,\"infraErrors\":0}";
        String text = jsonThenText(run(cells));
        JsonNode root = new ObjectMapper().readTree(text.substring(0, text.indexOf("\n}") + 2));
        JsonNode t = root.path("trends").get(0);
        assertEquals(t.path("factor").asText(), "load");
        assertEquals(t.path("netstat").asText(), "5s");
        assertEquals(t.path("points").get(0).path("load").asText(), "light");
        assertEquals(t.path("points").get(1).path("load").asText(), "busy");
        // (0, 3/10), (1, 7/7): z = 2.887 by hand (p̄ = 10/17, T = 2.882, Var T = 0.9966)
        assertEquals(t.path("z").asDouble(), 2.887, 0.002);
        assertTrue(root.path("trend").asText().contains("rises with the load on july with netstat every 5s (from 30 % to 100 %"), text);
        assertTrue(text.contains("Trend across load (Cochran–Armitage, score = rank from lightest: light < busy):"), text);
    }

    @Test
    public void aDirectoryWithoutResultsIsAUsageError() throws Exception {
        assertEquals(Main.execute("compare", Files.createTempDirectory("empty").toString()), 2);
    }

    /** {@code lab compare DIR --json} then {@code lab compare DIR}, both exit 0: their output one after the other. */
    private static String jsonThenText(Path run) {
        CliRun json = CliRun.of("compare", run.toString(), "--json");
        CliRun text = CliRun.of("compare", run.toString());
        assertEquals(json.exit(), 0, json.err());
        assertEquals(text.exit(), 0, text.err());
        return json.out() + text.out();
    }
}
