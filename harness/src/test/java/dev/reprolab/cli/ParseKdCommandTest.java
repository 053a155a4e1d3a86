package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** {@code lab parse kd FILE --json} on a real log (CRLF, as a guest's -logo file is), and on text that is not one. */
public class ParseKdCommandTest {

    @Test
    public void analyzeLogAsJson() throws Exception {
        Path f = Files.createTempFile("kd", ".log");
        Files.writeString(f, Lines.toCrlf(Fixtures.raw("debugger/analyze-v-0x7e-system-thread-exception-man-sys-win7sp1-7601.18741-x64.txt")));
        CliRun r = CliRun.of("parse", "kd", f.toString(), "--json");
        assertEquals(r.exit(), 0, r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(doc.get("bugcheck").get("code").asText(), "0x7E");
        assertEquals(doc.get("bugcheck").get("parameters").get(0).asText(), "0xffffffffc0000005");
        assertEquals(doc.get("FAILURE_BUCKET_ID").asText(), "X64_0x7E_man+1ce7");
        assertEquals(doc.get("DEFAULT_BUCKET_ID").asText(), "WIN7_DRIVER_FAULT");
        assertEquals(doc.get("bucket").asText(), "X64_0x7E_man+1ce7");
        assertEquals(doc.get("buildLab").asText(), "7601.18741.amd64fre.win7sp1_gdr.150202-1526");
        Files.delete(f);
    }

    @Test
    public void notADebuggerLogExitsTwoWithOneLine() throws Exception {
        Path f = Files.createTempFile("kd", ".log");
        Files.writeString(f, "just some text\r\n");
        CliRun r = CliRun.of("parse", "kd", f.toString());
        assertEquals(r.exit(), 2);
        assertTrue(r.err().strip().startsWith("lab: " + f + ":1: expected kd output: no debugger output"), r.err());
        assertEquals(r.err().strip().lines().count(), 1L);
        Files.delete(f);
    }
}
