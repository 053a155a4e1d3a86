package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Files both ways over the WinRM and HTTP channels against a simulated guest, over the real wire: the guest's
 * PowerShell fetches over a real socket from the controller's file server, hashes with .NET's SHA256, and PUTs dumps
 * back; a byte changed on the way is caught.
 */
public class FileChannelsTest {

    private SimEndpoint lab;
    private Path dir;

    @BeforeClass
    public void start() throws Exception {
        lab = new SimEndpoint(b -> b);
        dir = Files.createTempDirectory("channels");
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        lab.close();
    }

    @DataProvider
    public Object[][] channels() {
        return new Object[][] {{FileChannel.WINRM}, {FileChannel.HTTP}};
    }

    private Path random(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    @Test(dataProvider = "channels")
    public void aFileGoesToTheGuestAndComesBackIdentical(FileChannel channel) throws Exception {
        Path local = random("up-" + channel + ".bin", 3 * 1024 * 1024 + 17);
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            TransferPolicy p = TransferPolicy.of(channel);
            g.upload(local, "C:\\lab\\" + channel + "\\pkg.msu", p);
            assertEquals(Sha256.of(lab.guest.file("C:\\lab\\" + channel + "\\pkg.msu")), Sha256.of(local));
            Path back = dir.resolve("back-" + channel + ".bin");
            g.download("C:\\lab\\" + channel + "\\pkg.msu", back, p);
            assertEquals(Sha256.of(back), Sha256.of(local));
            assertFalse(Files.exists(dir.resolve("back-" + channel + ".bin.part")));
        }
        assertEquals(lab.server.openShells(), 0);
    }

    @Test(dataProvider = "channels")
    public void anEmptyFileTravelsToo(FileChannel channel) throws Exception {
        Path local = Files.write(dir.resolve("empty-" + channel), new byte[0]);
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            g.upload(local, "C:\\lab\\empty-" + channel + ".txt", TransferPolicy.of(channel));
            Path back = dir.resolve("empty-back-" + channel);
            g.download("C:\\lab\\empty-" + channel + ".txt", back, TransferPolicy.of(channel));
            assertEquals(Files.size(back), 0);
        }
    }

    @Test
    public void theHttpChannelNamesAGuestSideFailure() throws Exception {
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            LabException e = expectThrows(LabException.class, () -> g.download("C:\\nowhere\\MEMORY.DMP", dir.resolve("x.dmp"),
                    FileChannel.HTTP, Duration.ofSeconds(60)));
            assertTrue(e.getMessage().contains("Could not find") && e.getMessage().contains("over HTTP"), e.getMessage());
        }
    }

    @Test(dataProvider = "channels")
    public void aFailedDownloadLeavesNoPartialFile(FileChannel channel) throws Exception {
        Path local = dir.resolve("missing-" + channel + ".dmp");
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            expectThrows(LabException.class, () -> g.download("C:\\nowhere\\MEMORY.DMP", local, channel, Duration.ofSeconds(60)));
        }
        assertFalse(Files.exists(local), "no file for a download that failed");
        assertFalse(Files.exists(dir.resolve(local.getFileName() + ".part")), "no partial file left in the trial's directory either");
    }

    @Test
    public void theFileServerServesOnlyWhatATransferOfferedAndOnlyWhileItRuns() throws Exception {
        Path f = random("offered.bin", 1000);
        HttpFileServer s = HttpFileServer.acquire("127.0.0.1", 0);
        try {
            String url;
            try (HttpFileServer.Registration r = s.offer(f)) {
                url = HttpTransfer.url("127.0.0.1", s.port(), r.path());
                assertEquals(get(url), 200);
                assertEquals(get(HttpTransfer.url("127.0.0.1", s.port(), "/f/0123456789abcdef0123456789abcdef")), 404);
            }
            assertEquals(get(url), 404, "revoked when the transfer ended");
        } finally {
            s.release();
        }
    }

    @Test
    public void aDeadlineGrowsWithTheFile() {
        TransferPolicy p = new TransferPolicy(FileChannel.HTTP, Duration.ofMinutes(2), 1L << 20, TransferPolicy.FileServer.AUTO);
        assertEquals(p.deadlineFor(0), Duration.ofMinutes(2));
        assertEquals(p.deadlineFor(300L << 20), Duration.ofMinutes(2).plusSeconds(300));
        assertEquals(p.deadlineFor(2L << 30), Duration.ofMinutes(2).plusSeconds(2048));
    }

    @Test
    public void theWinRmUploadScriptIsStreamedBlockByBlock() throws Exception {
        byte[] data = new byte[FileTransfer.UPLOAD_CHUNK * 3 + 5];
        new Random(3).nextBytes(data);
        try (InputStream s = new FileTransfer.UploadScript(new java.io.ByteArrayInputStream(data), "HEAD\r\n", "TAIL\r\n")) {
            String text = new String(s.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            String[] lines = text.split("\r\n");
            assertEquals(lines.length, 6);
            assertEquals(lines[0], "HEAD");
            assertEquals(lines[5], "TAIL");
            java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
            for (int i = 1; i < 5; i++) {
                String b64 = lines[i].substring(lines[i].indexOf('\'') + 1, lines[i].lastIndexOf('\''));
                back.write(java.util.Base64.getDecoder().decode(b64));
            }
            assertEquals(back.toByteArray(), data);
        }
    }

    private static int get(String url) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection(java.net.Proxy.NO_PROXY);
        try {
            int code = c.getResponseCode();
            if (code == 200) {
                c.getInputStream().readAllBytes();
            }
            return code;
        } finally {
            c.disconnect();
        }
    }
}
