package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class ParseCommandTest {

    @Test
    public void printsNetstatJsonAsSpecified() throws Exception {
        Path f = Files.createTempFile("netstat", ".txt");
        Files.writeString(f, "\r\nActive Connections\r\n\r\n  TCP    0.0.0.0:80             0.0.0.0:0              "
                + "LISTENING       4\r\n  UDP    [fe80::1%4]:546        *:*                                    812\r\n");
        CliRun r = CliRun.of("parse", "netstat", f.toString(), "--json");
        assertEquals(r.exit(), 0, r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(doc.get(0).toString(), "{\"proto\":\"TCP\",\"localAddress\":\"0.0.0.0\",\"localPort\":80,"
                + "\"foreignAddress\":\"0.0.0.0\",\"foreignPort\":0,\"state\":\"LISTENING\",\"pid\":4}");
        assertEquals(doc.get(1).get("localAddress").asText(), "fe80::1%4");
        assertTrue(doc.get(1).get("state").isNull());
        assertTrue(doc.get(1).get("foreignPort").isNull());
        Files.delete(f);
    }

    @Test
    public void unrecognisedInputExitsTwoWithOneLine() throws Exception {
        Path f = Files.createTempFile("junk", ".txt");
        Files.writeString(f, "hello\nworld\n");
        CliRun r = CliRun.of("parse", "sc", f.toString(), "--json");
        assertEquals(r.exit(), 2);
        assertEquals(r.out(), "");
        assertEquals(r.err().strip().lines().count(), 1L);
        assertTrue(r.err().contains(f + ":2: expected sc output: "), r.err());
        Files.delete(f);
    }

    @Test
    public void printsScSequenceWithFailure() throws Exception {
        Path f = Files.createTempFile("sc", ".txt");
        Files.writeString(f, dev.reprolab.windows.sc.ScFormatter.failure("OpenService", 1060)
                + dev.reprolab.windows.sc.ScFormatter.queryEx(dev.reprolab.windows.sc.ServiceStatus.of("Apache2.4", 3,
                dev.reprolab.windows.sc.ServiceStatus.STOPPABLE, 5, 30000).withPid(1844)));
        JsonNode doc = new ObjectMapper().readTree(CliRun.of("parse", "sc", f.toString(), "--json").out());
        assertEquals(doc.get(0).get("error").asInt(), 1060);
        assertEquals(doc.get(1).get("state").asText(), "STOP_PENDING");
        assertEquals(doc.get(1).get("pid").asInt(), 1844);
        assertEquals(doc.get(1).get("checkpoint").asInt(), 5);
        Files.delete(f);
    }
}
