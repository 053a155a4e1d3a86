package dev.reprolab.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class TrendsTest {

    static JsonNode cell(String ps, String netstat, String load, int hung, int trials) throws Exception {
        return new ObjectMapper().readTree("{\"patchSet\":\"" + ps + "\",\"factors\":{\"netstat\":\"" + netstat + "\",\"load\":\"" + load
                + "\"},\"reproduced\":" + hung + ",\"trials\":" + trials + ",\"ciLow\":0.1,\"ciHigh\":0.9}");
    }

    static List<JsonNode> caseCells() throws Exception {
        List<JsonNode> cells = new ArrayList<>();
        for (String ps : List.of("june-2018", "july-2018")) {
            boolean bad = ps.equals("july-2018");
            cells.add(cell(ps, "1s", "light", bad ? 6 : 0, 8));
            cells.add(cell(ps, "off", "light", 0, 5));
            cells.add(cell(ps, "5s", "light", bad ? 3 : 0, 10));
            cells.add(cell(ps, "off", "busy", 0, 5));
            cells.add(cell(ps, "5s", "busy", bad ? 7 : 0, 7));
        }
        return cells;
    }

    @Test
    public void aLinePerPatchSetAndLoadInOrderOfPollingRate() throws Exception {
        List<Trends.Series> s = Trends.of(caseCells());
        assertEquals(s.size(), 4);
        Trends.Series light = s.stream().filter(x -> x.label().equals("july-2018 · light")).findFirst().orElseThrow();
        assertEquals(light.points().stream().map(Trends.Point::netstat).toList(), List.of("off", "5s", "1s"));
        assertEquals(light.points().get(1).pollsPerSecond(), 0.2, 1e-9);
        assertTrue(light.trend().z() > 0 && light.trend().pValue() < 0.01, light.trend().toString());
        Trends.Series june = s.stream().filter(x -> x.label().equals("june-2018 · light")).findFirst().orElseThrow();
        assertTrue(!june.trend().testable());
        assertEquals(Trends.pollsPerSecond("200ms").orElseThrow(), 5.0, 1e-9);
        assertTrue(Trends.pollsPerSecond("fast").isEmpty());
    }

    @Test
    public void theSentenceNamesTheSeriesWithATrend() throws Exception {
        String sentence = Trends.sentence(Trends.of(caseCells()));
        assertTrue(sentence.startsWith("The repro rate rises with the netstat polling rate on july-2018 under light load (from 0 % to 75 %, z = "),
                sentence);
        assertTrue(sentence.contains("; july-2018 under busy load (from 0 % to 100 %, z = "), sentence);
        assertTrue(sentence.contains("the other 2 series show no trend at p < 0.05"), "June has none: " + sentence);
        assertTrue(sentence.endsWith(").") && !sentence.contains(". "), "one sentence: " + sentence);
        assertTrue(Trends.sentence(List.of()).contains("no trend to test"));
    }
}
