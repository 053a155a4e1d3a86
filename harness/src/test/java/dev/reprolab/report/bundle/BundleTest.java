package dev.reprolab.report.bundle;

import dev.reprolab.windows.netstat.TcpState;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.input.BadInputException;
import dev.reprolab.remote.Secret;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class BundleTest {

    static final Secret CANARY = Secret.of("Canary-Pw-" + System.nanoTime());

    /** A run directory with a journal, results, a timeline, a log line with the canary password and a dump. */
    static Path run() throws Exception {
        Path dir = Files.createTempDirectory("run");
        Files.createDirectories(dir.resolve("trials/t1"));
        Files.createDirectories(dir.resolve("work/lab-01/apache"));
        Files.writeString(dir.resolve("run.json"), "{\"runId\":\"r1\",\"lab\":\"sim\",\"guests\":[\"lab-01\"]}");
        Files.writeString(dir.resolve("results.json"), "{\"runId\":\"r1\",\"cells\":[{\"patchSet\":\"july\",\"cell\":\"c\",\"trials\":1,"
                + "\"reproduced\":1,\"rate\":1.0,\"ciLow\":0.2,\"ciHigh\":1.0,\"verdict\":\"reproduces\"}]}");
        Files.writeString(dir.resolve("journal.jsonl"), "{\"ts\":\"2026-11-25T04:00:00Z\",\"type\":\"trial-finished\",\"trialId\":\"t1\","
                + "\"guest\":\"lab-01\",\"reason\":\"logon as Administrator/" + CANARY.reveal() + " from 192.168.7.21\"}\n");
        Instant t0 = Instant.parse("2026-11-25T04:00:00Z");
        NetstatTimelineFile.write(dir.resolve("trials/t1/netstat.csv.gz"), List.of(new NetstatTimelineFile.Snapshot(t0,
                List.of(NetstatRow.tcp("10.0.0.11", 80, "10.0.0.1", 50000, TcpState.ESTABLISHED, 2412),
                        NetstatRow.tcp("10.0.0.11", 80, "10.0.0.1", 50001, TcpState.TIME_WAIT, 0)))), 80, t0);
        Files.writeString(dir.resolve("trials/t1/sc.log"), "WIN-LAB01 tcpip.sys 6.1.7601.24168\n");
        byte[] dump = new byte[3 * 1024 * 1024];
        new Random(2).nextBytes(dump);
        System.arraycopy("MDMP".getBytes(StandardCharsets.US_ASCII), 0, dump, 0, 4);
        Files.write(dir.resolve("trials/t1/httpd-2412.dmp"), dump);
        Files.writeString(dir.resolve("work/lab-01/apache/scratch.txt"), "scratch");
        return dir;
    }

    @DataProvider
    public Object[][] formats() {
        return new Object[][] {{"case.tar.zst"}, {"case.zip"}};
    }

    @Test(dataProvider = "formats")
    public void roundTripsAndKeepsSecretsAndScratchOut(String name) throws Exception {
        Path dir = run();
        Path out = Files.createTempDirectory("b").resolve(name);
        BundleWriter.write(dir, out, false);
        BundleVerifier.Report r = BundleVerifier.verify(out);
        assertTrue(r.ok(), r.problems().toString());
        // 6 run files (work/ scratch left out) + summary.html + summary.md + manifest.json + SHA256SUMS
        assertEquals(r.entries(), 10);
        String all = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        assertFalse(all.contains(CANARY.reveal()), "the canary password must not be in the bundle (even compressed text is scanned below)");
        if (name.endsWith(".zip")) {
            try (var z = new java.util.zip.ZipFile(out.toFile())) {
                for (ZipEntry e : java.util.Collections.list(z.entries())) {
                    String text = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(CANARY.reveal()), e.getName());
                    assertFalse(e.getName().startsWith("work/"), "scratch stays out: " + e.getName());
                }
            }
        }
    }

    @Test
    public void flippingAnyByteOfATarZstBundleFailsVerification() throws Exception {
        Path out = Files.createTempDirectory("b").resolve("case.tar.zst");
        BundleWriter.write(run(), out, false);
        byte[] good = Files.readAllBytes(out);
        Random rnd = new Random(11);
        int[] positions = new int[52];
        positions[0] = 0;
        positions[1] = good.length - 1;
        for (int i = 2; i < positions.length; i++) {
            positions[i] = rnd.nextInt(good.length);
        }
        for (int pos : positions) {
            byte[] bad = good.clone();
            bad[pos] ^= (byte) (1 + rnd.nextInt(255));
            Path f = Files.createTempDirectory("flip").resolve("case.tar.zst");
            Files.write(f, bad);
            BundleVerifier.Report r = BundleVerifier.verify(f);
            assertFalse(r.ok(), "flip at " + pos + " of " + good.length + " went unnoticed");
            assertTrue(r.problems().get(0).matches("(?s).*(\\.dmp|\\.json|\\.jsonl|\\.csv|\\.log|\\.md|\\.html|SHA256SUMS|after|archive header|manifest).*"),
                    "names the entry: " + r.problems());
        }
    }

    @Test
    public void splitVolumesVerifyInPlaceJoinByConcatenationAndNameWhatIsMissing() throws Exception {
        for (String name : new String[] {"case.tar.zst", "case.zip"}) {
            Path dir = Files.createTempDirectory("split");
            Path out = dir.resolve(name);
            BundleWriter.Written w = BundleWriter.write(run(), out, false, 4096);
            assertTrue(w.volumes().size() >= 3, name + ": " + w.volumes());
            assertFalse(Files.exists(out), "only volumes are written");
            for (Path v : w.volumes()) {
                assertTrue(Files.size(v) <= 4096, v + " is " + Files.size(v) + " bytes");
            }
            BundleVerifier.Report r = BundleVerifier.verify(w.volumes().get(0));
            assertTrue(r.ok(), name + ": " + r.problems());
            assertTrue(BundleVerifier.verify(out).ok(), "the base name finds the volumes too");
            // `cat case.*.0* > case.*` gives the one-file bundle
            Path joined = Files.createTempDirectory("joined").resolve(name);
            try (var o = Files.newOutputStream(joined)) {
                for (Path v : w.volumes()) {
                    Files.copy(v, o);
                }
            }
            assertTrue(BundleVerifier.verify(joined).ok(), name + " joined");
            // a byte flipped in the middle volume is caught and named
            Path middle = w.volumes().get(w.volumes().size() / 2);
            byte[] good = Files.readAllBytes(middle);
            byte[] bad = good.clone();
            bad[good.length / 2] ^= 0x5a;
            Files.write(middle, bad);
            r = BundleVerifier.verify(w.volumes().get(0));
            assertFalse(r.ok(), name + ": flipped byte unnoticed");
            Files.write(middle, good);
            // a lost volume is named
            Files.delete(middle);
            r = BundleVerifier.verify(w.volumes().get(0));
            assertFalse(r.ok());
            assertTrue(r.problems().contains("missing volume: " + middle.getFileName()), r.problems().toString());
        }
        assertEquals(dev.reprolab.cli.Main.execute("bundle", run().toString(), "--out",
                Files.createTempDirectory("s").resolve("c.tar.zst").toString(), "--split", "12"), 2, "a volume under 1k is refused");
    }

    @Test
    public void redactReplacesAddressesAndHostNamesConsistently() throws Exception {
        Path out = Files.createTempDirectory("b").resolve("case.zip");
        BundleWriter.write(run(), out, true);
        try (var z = new java.util.zip.ZipFile(out.toFile())) {
            String journal = new String(z.getInputStream(z.getEntry("journal.jsonl")).readAllBytes(), StandardCharsets.UTF_8);
            String netstat = new String(z.getInputStream(z.getEntry("trials/t1/netstat.csv")).readAllBytes(), StandardCharsets.UTF_8);
            String sc = new String(z.getInputStream(z.getEntry("trials/t1/sc.log")).readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(journal.contains("192.168.7.21") || journal.contains("lab-01"), journal);
            assertFalse(netstat.contains("10.0.0.11"), netstat);
            assertTrue(netstat.startsWith(NetstatTimelineFile.HEADER + "\n"), "the timeline goes in as its text: " + netstat);
            assertTrue(netstat.contains(",state,,80,,,TIME_WAIT,,1\n") && netstat.contains(",ESTABLISHED,2412,"), netstat);
            assertTrue(z.getEntry("trials/t1/netstat.csv.gz") == null, "not also compressed");
            assertTrue(sc.contains("6.1.7601.24168"), "file versions are not addresses: " + sc);
            assertFalse(sc.contains("WIN-LAB01"), sc);
        }
        assertTrue(BundleVerifier.verify(out).ok());
    }

    @Test
    public void aDumpHoldingASecretStopsTheBundle() throws Exception {
        Path dir = run();
        byte[] dump = Files.readAllBytes(dir.resolve("trials/t1/httpd-2412.dmp"));
        byte[] pw = CANARY.reveal().getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(pw, 0, dump, 1_000_000, pw.length);
        Files.write(dir.resolve("trials/t1/httpd-2412.dmp"), dump);
        Path out = Files.createTempDirectory("b").resolve("case.tar.zst");
        BadInputException e = expectThrows(BadInputException.class, () -> BundleWriter.write(dir, out, false));
        assertTrue(e.getMessage().contains("httpd-2412.dmp"), e.getMessage());
        assertFalse(e.getMessage().contains(CANARY.reveal()));
        assertFalse(Files.exists(out), "no partial bundle is left behind");
    }
}
