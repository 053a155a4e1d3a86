package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class ParseCommandTest {

    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            int code = Main.execute(args);
            return new String[]{String.valueOf(code), o.toString(), e.toString()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    public void printsNetstatJsonAsSpecified() throws Exception {
        Path f = Files.createTempFile("netstat", ".txt");
        Files.writeString(f, "\r\nActive Connections\r\n\r\n  TCP    0.0.0.0:80             0.0.0.0:0              "
                + "LISTENING       4\r\n  UDP    [fe80::1%4]:546        *:*                                    812\r\n");
        String[] r = run("parse", "netstat", f.toString(), "--json");
        assertEquals(r[0], "0", r[2]);
        JsonNode doc = new ObjectMapper().readTree(r[1]);
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
        String[] r = run("parse", "sc", f.toString(), "--json");
        assertEquals(r[0], "2");
        assertEquals(r[1], "");
        assertEquals(r[2].strip().lines().count(), 1L);
        assertTrue(r[2].contains(f + ":2: expected sc output: "), r[2]);
        Files.delete(f);
    }

    @Test
    public void printsScSequenceWithFailure() throws Exception {
        Path f = Files.createTempFile("sc", ".txt");
        Files.writeString(f, dev.reprolab.windows.sc.ScFormatter.failure("OpenService", 1060)
                + dev.reprolab.windows.sc.ScFormatter.queryEx(dev.reprolab.windows.sc.ServiceStatus.of("Apache2.4", 3,
                dev.reprolab.windows.sc.ServiceStatus.STOPPABLE, 5, 30000).withPid(1844)));
        JsonNode doc = new ObjectMapper().readTree(run("parse", "sc", f.toString(), "--json")[1]);
        assertEquals(doc.get(0).get("error").asInt(), 1060);
        assertEquals(doc.get(1).get("state").asText(), "STOP_PENDING");
        assertEquals(doc.get(1).get("pid").asInt(), 1844);
        assertEquals(doc.get(1).get("checkpoint").asInt(), 5);
        Files.delete(f);
    }
}
