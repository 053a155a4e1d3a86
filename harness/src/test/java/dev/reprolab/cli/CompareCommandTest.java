package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(Main.execute("compare", a.toString(), b.toString(), "--json"), 0);
        } finally {
            System.setOut(out);
        }
        JsonNode root = new ObjectMapper().readTree(buf.toString());
        JsonNode july = root.path("cells").get(1);
        assertEquals(july.path("trials").asInt(), 7);
        assertEquals(july.path("reproduced").asInt(), 7);
        // 7/7 vs 0/10: only the observed table is as extreme (the mirror, 0/7 vs 7/10, has P = 120/C(17,7)),
        // so the two-sided p = 1 / C(17,7) = 1/19448
        assertEquals(july.path("pValue").asDouble(), 1.0 / 19448, 1e-12);
        assertTrue(july.path("ciLow").asDouble() > 0.6);
    }

    @Test
    public void aDirectoryWithoutResultsIsAUsageError() throws Exception {
        assertEquals(Main.execute("compare", Files.createTempDirectory("empty").toString()), 2);
    }
}
