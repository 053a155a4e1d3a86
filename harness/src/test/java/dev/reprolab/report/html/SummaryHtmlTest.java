package dev.reprolab.report.html;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.report.RunData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.SkipException;
import org.testng.annotations.Test;

public class SummaryHtmlTest {

    @Test
    public void rendersVerdictRatesTimelinesDumpsAndEscapesText() throws IOException {
        Path dir = SampleRun.write(Files.createTempDirectory("run"));
        String html = Files.readString(SummaryHtml.write(RunData.read(dir)), StandardCharsets.UTF_8);
        assertTrue(html.contains("The hang reproduces on <b>july-2018</b>; not on <b>june-2018</b>. All 2 expectations met."), html);
        assertEquals(count(html, "<g class=\"bar\""), 2);
        assertEquals(count(html, "<svg class=\"timeline\""), 2, "a hung and a clean timeline");
        String hung = html.substring(html.indexOf("<svg class=\"timeline\" id=\"timeline-t-hung\""));
        hung = hung.substring(0, hung.indexOf("</svg>"));
        assertEquals(count(hung, "class=\"listening\""), 40, "the compact timeline keeps the listener of every snapshot");
        assertTrue(hung.contains(">" + SampleRun.HUNG_TIME_WAIT + "</text>"), "the TIME_WAIT count scales the chart: " + hung);
        assertTrue(hung.contains("data-state=\"TIME_WAIT\""), hung);
        assertTrue(html.contains("trials/t-hung/httpd-2412.dmp"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "bisect log must be escaped");
        assertFalse(html.contains("<script"), "the summary is script-free");
        assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"), "no network references");
    }

    @Test
    public void drawsRateAgainstPollingALinePerPatchSetAndLoadWithTheTrendTest() throws IOException {
        Path dir = Files.createTempDirectory("run");
        StringBuilder cells = new StringBuilder();
        String[][] rows = {{"june-2018", "off", "0", "5"}, {"june-2018", "5s", "0", "5"}, {"june-2018", "1s", "0", "5"},
            {"july-2018", "off", "0", "5"}, {"july-2018", "5s", "3", "10"}, {"july-2018", "1s", "7", "10"}};
        for (String[] r : rows) {
            cells.append(cells.length() == 0 ? "" : ",").append("{\"patchSet\":\"").append(r[0]).append("\",\"cell\":\"netstat=")
                    .append(r[1]).append(",load=light\",\"factors\":{\"netstat\":\"").append(r[1]).append("\",\"load\":\"light\"},")
                    .append("\"trials\":").append(r[3]).append(",\"reproduced\":").append(r[2]).append(",\"verdict\":\"x\",\"ciLow\":0.1,\"ciHigh\":0.6}");
        }
        Files.writeString(dir.resolve("results.json"), "{\"runId\":\"r\",\"cells\":[" + cells + "]}");
        String html = Files.readString(SummaryHtml.write(RunData.read(dir)), StandardCharsets.UTF_8);
        assertEquals(count(html, "<svg class=\"dose-chart\""), 1, html);
        assertEquals(count(html, "<g class=\"series\""), 2, "a line per patch set and load");
        assertEquals(count(html, "<circle class=\"point\""), 6);
        assertEquals(count(html, "<line class=\"dose-ci\""), 6, "every point has its interval");
        assertTrue(html.contains("data-netstat=\"1s\" data-rate=\"0.7000\""), html);
        assertTrue(html.contains("The repro rate rises with the netstat polling rate on july-2018 under light load"), html);
        assertTrue(html.matches("(?s).*<tr class=\"trend\" data-p=\"0\\.0[0-9]+\"><td>july-2018</td><td>light</td>.*"), html);
    }

    @Test
    public void headlessChromiumRendersTheSummary() throws Exception {
        File chromium = new File("/usr/bin/chromium");
        if (!chromium.canExecute()) {
            throw new SkipException("Debian chromium not installed (apt-get install -y chromium; .ci/run does it)");
        }
        Path dir = SampleRun.write(Files.createTempDirectory("run"));
        Path html = SummaryHtml.write(RunData.read(dir));
        Path profile = Files.createTempDirectory("chromium-profile");
        String dom = runChromium(profile, "--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("id=\"verdict\""), dom);
        Matcher m = Pattern.compile("<div id=\"verdict\" class=\"verdict (\\w+)\">").matcher(dom);
        assertTrue(m.find());
        assertEquals(m.group(1), "bad", "a reproduction makes the verdict box red");
        assertEquals(count(dom, "class=\"cell\""), 2);
        assertEquals(count(dom, "class=\"listening\""), 40 + 20, "one listener band per snapshot that lists it");
        Path png = dir.resolve("summary.png");
        runChromium(profile, "--screenshot=" + png, "--window-size=1200,2400", html.toUri().toString());
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "screenshot has content: " + bytes.length);
        assertEquals(new String(bytes, 1, 3, StandardCharsets.US_ASCII), "PNG");
    }

    private static String runChromium(Path profile, String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>(java.util.List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        assertEquals(p.exitValue(), 0, "chromium exit code");
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
