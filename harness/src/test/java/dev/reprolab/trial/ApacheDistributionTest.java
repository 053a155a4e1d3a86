package dev.reprolab.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.input.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.testng.annotations.Test;

public class ApacheDistributionTest {

    /** The shipped simulated-lab Apache zip, found from the module or the project root. */
    static Path shippedZip() {
        for (String base : List.of("..", ".")) {
            Path p = Paths.get(base, "vm-images", "apache", "httpd-2.4.34-win64-VC15-simlab.zip");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("vm-images/apache zip not found from " + Paths.get("").toAbsolutePath());
    }

    @Test
    public void unpacksTheShippedDistribution() throws IOException {
        Path target = Files.createTempDirectory("apache");
        List<ApacheDistribution.Entry> files = ApacheDistribution.unpack(shippedZip(), target);
        assertTrue(files.stream().anyMatch(f -> f.relativePath().equals("Apache24/bin/httpd.exe")));
        ApacheDistribution.Entry conf = files.stream()
                .filter(f -> f.relativePath().equals("Apache24/conf/httpd.conf")).findFirst().orElseThrow();
        assertTrue(Files.readString(conf.file()).contains("Listen 80"));
        assertEquals(ApacheDistribution.guestPath("C:\\", conf), "C:\\Apache24\\conf\\httpd.conf");
    }

    @Test
    public void rejectsEntriesEscapingTheTargetBeforeWritingAnything() throws IOException {
        Path zip = zip(Map.of("Apache24/bin/httpd.exe", "MZ", "../../evil.txt", "x"));
        Path target = Files.createTempDirectory("apache");
        BadInputException e = expectThrows(BadInputException.class, () -> ApacheDistribution.unpack(zip, target));
        assertTrue(e.getMessage().contains("../../evil.txt"), e.getMessage());
        try (var s = Files.list(target)) {
            assertEquals(s.count(), 0L, "nothing may be written when an entry is rejected");
        }
        assertFalse(Files.exists(target.getParent().getParent().resolve("evil.txt")));
    }

    @Test
    public void rejectsDriveLetterEntriesAndNonApacheZips() throws IOException {
        Path target = Files.createTempDirectory("apache");
        expectThrows(BadInputException.class, () -> ApacheDistribution.unpack(zip(Map.of("C:/Windows/x.dll", "x")), target));
        BadInputException e = expectThrows(BadInputException.class,
                () -> ApacheDistribution.unpack(zip(Map.of("readme.txt", "hi")), target));
        assertTrue(e.getMessage().contains("no bin/httpd.exe"), e.getMessage());
        Path notZip = Files.writeString(Files.createTempFile("x", ".zip"), "not a zip");
        expectThrows(BadInputException.class, () -> ApacheDistribution.unpack(notZip, target));
    }

    private static Path zip(Map<String, String> entries) throws IOException {
        Path zip = Files.createTempFile("t", ".zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        return zip;
    }
}
