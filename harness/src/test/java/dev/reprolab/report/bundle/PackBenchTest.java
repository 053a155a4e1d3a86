package dev.reprolab.report.bundle;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.testng.annotations.Test;

/** Correctness of what the pack benchmark measures (its speed is measured by `lab bench pack`, not here). */
public class PackBenchTest {

    @Test
    public void packedDumpComesBackByteForByteAndCompressesLikeADump() throws Exception {
        Path dir = Files.createTempDirectory("pack");
        Path in = dir.resolve("MEMORY.DMP");
        PackBench.dumpLike(in, 8L << 20, 1);
        PackBench.Result r = PackBench.ours(in, dir.resolve("out.tar.zst"));
        assertTrue(r.ratio() > 2 && r.ratio() < 5, "dump-like ratio " + r.ratio());
        try (InputStream raw = Files.newInputStream(dir.resolve("out.tar.zst"));
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(raw))) {
            assertEquals(tar.getNextEntry().getName(), "MEMORY.DMP");
            assertEquals(tar.readAllBytes(), Files.readAllBytes(in));
        }
    }
}
