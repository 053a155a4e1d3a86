package dev.reprolab.sim.guest.tools.ps;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * System.Net.WebClient and HttpWebRequest as .NET 3.5 has them under PowerShell 2.0, against a real HTTP server on
 * a real socket: DownloadFile streams to disk (and deletes the file when the request fails), UploadFile sends
 * multipart/form-data, a PUT with AllowWriteStreamBuffering off streams a ContentLength body, and errors carry the
 * framework's WebException texts.
 */
public class WebClientTest {

    private FakePsHost host;
    private Path root;
    private StringBuilder out;
    private StringBuilder err;
    private PsInterpreter ps;
    private HttpServer server;
    private byte[] served;
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<byte[]> uploaded = new AtomicReference<>();
    private final AtomicReference<String> method = new AtomicReference<>();

    @BeforeMethod
    public void setUp() throws IOException {
        root = Files.createTempDirectory("psweb");
        Files.createDirectories(root.resolve("users/administrator"));
        Files.createDirectories(root.resolve("lab"));
        host = new FakePsHost(root);
        out = new StringBuilder();
        err = new StringBuilder();
        ps = new PsInterpreter(host, out::append, err::append);
        served = new byte[2 * 1024 * 1024 + 3];
        new Random(5).nextBytes(served);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/pkg.msu", x -> {
            x.sendResponseHeaders(200, served.length);
            x.getResponseBody().write(served);
            x.close();
        });
        server.createContext("/up", x -> {
            method.set(x.getRequestMethod());
            contentType.set(x.getRequestHeaders().getFirst("Content-Type"));
            uploaded.set(x.getRequestBody().readAllBytes());
            x.sendResponseHeaders(201, -1);
            x.close();
        });
        server.start();
    }

    @AfterMethod(alwaysRun = true)
    public void tearDown() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    public void downloadFileStreamsTheBodyToDiskAndSha256MatchesIt() throws Exception {
        ps.run("(New-Object System.Net.WebClient).DownloadFile('" + url("/pkg.msu") + "', 'C:\\lab\\pkg.msu')\n"
                + "$f = [IO.File]::OpenRead('C:\\lab\\pkg.msu'); $h = [Security.Cryptography.SHA256]::Create().ComputeHash($f); $f.Close()\n"
                + "[BitConverter]::ToString($h)");
        assertEquals(err.toString(), "");
        assertEquals(out.toString().strip().replace("-", "").toLowerCase(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served)));
        assertEquals(Files.readAllBytes(root.resolve("lab/pkg.msu")), served);
    }

    @Test
    public void aFailedDownloadReportsWebExceptionsTextAndLeavesNoFile() {
        ps.run("(New-Object System.Net.WebClient).DownloadFile('" + url("/missing") + "', 'C:\\lab\\x.msu')");
        assertTrue(err.toString().contains("Exception calling \"DownloadFile\" with \"2\" argument(s): \"The remote server returned an error: (404) Not Found.\""),
                err.toString());
        assertFalse(Files.exists(root.resolve("lab/x.msu")), ".NET deletes the file of a failed download");
        err.setLength(0);
        int closed = server.getAddress().getPort();
        server.stop(0);
        ps.run("(New-Object System.Net.WebClient).DownloadFile('http://127.0.0.1:" + closed + "/pkg.msu', 'C:\\lab\\y.msu')");
        assertTrue(err.toString().contains("\"Unable to connect to the remote server\""), err.toString());
    }

    @Test
    public void uploadFileSendsTheFileAsMultipartFormData() throws Exception {
        Files.write(root.resolve("lab/w.dmp"), "MDMP dump bytes".getBytes(StandardCharsets.US_ASCII));
        ps.run("$r = (New-Object System.Net.WebClient).UploadFile('" + url("/up") + "', 'PUT', 'C:\\lab\\w.dmp'); $r.Length");
        assertEquals(err.toString(), "");
        assertEquals(method.get(), "PUT");
        assertTrue(contentType.get().startsWith("multipart/form-data; boundary=---------------------"), contentType.get());
        String body = new String(uploaded.get(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Content-Disposition: form-data; name=\"file\"; filename=\"w.dmp\"\r\nContent-Type: application/octet-stream\r\n\r\nMDMP dump bytes\r\n--"),
                body);
    }

    @Test
    public void aStreamedPutSendsTheFileAsItsBodyAndHashesOnTheWay() throws Exception {
        Files.write(root.resolve("lab/m.dmp"), served);
        ps.run("$f = [IO.File]::OpenRead('C:\\lab\\m.dmp')\n"
                + "$rq = [Net.WebRequest]::Create('" + url("/up") + "')\n"
                + "$rq.Method = 'PUT'; $rq.AllowWriteStreamBuffering = $false; $rq.ContentLength = $f.Length\n"
                + "$sha = [Security.Cryptography.SHA256]::Create(); $b = New-Object byte[] 65536\n"
                + "$s = $rq.GetRequestStream()\n"
                + "while (($n = $f.Read($b, 0, $b.Length)) -gt 0) { $s.Write($b, 0, $n); [void]$sha.TransformBlock($b, 0, $n, $b, 0) }\n"
                + "$s.Close(); [void]$sha.TransformFinalBlock($b, 0, 0); $f.Close()\n"
                + "$r = $rq.GetResponse(); [int]$r.StatusCode; $r.Close()\n"
                + "[BitConverter]::ToString($sha.Hash)");
        assertEquals(err.toString(), "");
        assertEquals(uploaded.get(), served);
        String[] lines = out.toString().strip().split("\r\n");
        assertEquals(lines[0], "201");
        assertEquals(lines[1].replace("-", "").toLowerCase(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served)));
    }

    @Test
    public void withoutBufferingAContentLengthIsRequired() {
        ps.run("$rq = [Net.WebRequest]::Create('" + url("/up") + "'); $rq.Method = 'PUT'; $rq.AllowWriteStreamBuffering = $false\n"
                + "$s = $rq.GetRequestStream()");
        assertTrue(err.toString().contains("you must either set ContentLength to a non-negative number or set SendChunked to true"), err.toString());
        err.setLength(0);
        ps.run("$rq = [Net.WebRequest]::Create('" + url("/up") + "'); $s = $rq.GetRequestStream()");
        assertTrue(err.toString().contains("Cannot send a content-body with this verb-type."), err.toString());
    }

    @Test
    public void aBufferedPutHoldsTheBodyUntilGetResponse() {
        ps.run("$rq = [Net.WebRequest]::Create('" + url("/up") + "'); $rq.Method = 'POST'\n"
                + "$s = $rq.GetRequestStream(); $b = [Text.Encoding]::ASCII.GetBytes('abc'); $s.Write($b, 0, 3); $s.Close()\n"
                + "$rq.GetResponse().Close()");
        assertEquals(err.toString(), "");
        assertEquals(method.get(), "POST");
        assertEquals(new String(uploaded.get(), StandardCharsets.US_ASCII), "abc");
    }
}
