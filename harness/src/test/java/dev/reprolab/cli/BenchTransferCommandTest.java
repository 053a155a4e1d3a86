package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.sim.smb.SambaShare;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.Test;

/** {@code lab bench transfer} moves its stand-ins over each channel it is asked for, SMB through a real Samba. */
public class BenchTransferCommandTest {

    @Test
    public void measuresEveryChannelIncludingSmbThroughARealSamba() {
        if (!SambaShare.installed()) {
            throw new SkipException(SambaShare.MISSING);
        }
        CliRun r = CliRun.of("bench", "transfer", "--package", "2m", "--dump", "3m", "--winrm-size", "256k",
                "--channels", "smb,http", "--catalog", "../vm-images/catalog.yaml");
        assertEquals(r.exit(), 0, r.err() + r.out());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("smb ") || l.startsWith("http ")).toList();
        assertEquals(rows.size(), 4, r.out());
        assertTrue(rows.get(0).matches("smb\\s+up \\(\\.msu\\)\\s+2,097,152 .*MiB"), rows.get(0));
        assertTrue(rows.get(1).matches("smb\\s+down \\(MEMORY\\.DMP\\)\\s+3,145,728 .*MiB"), rows.get(1));
    }

    @Test
    public void anUnknownChannelIsBadInput() {
        CliRun r = CliRun.of("bench", "transfer", "--channels", "ftp", "--catalog", "../vm-images/catalog.yaml");
        assertEquals(r.exit(), 2, r.err());
    }

    @Test
    public void itsTemporaryScratchDirectoryIsGoneAfterwards() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Set<java.nio.file.Path> before = scratchDirs(tmp);
        CliRun r = CliRun.of("bench", "transfer", "--winrm-size", "8k", "--channels", "winrm", "--catalog", "../vm-images/catalog.yaml");
        assertEquals(r.exit(), 0, r.err() + r.out());
        java.util.Set<java.nio.file.Path> left = scratchDirs(tmp);
        left.removeAll(before);
        assertEquals(left, java.util.Set.of(), "the stand-in .msu and dump go where they were made, and so does the directory");
    }

    private static java.util.Set<java.nio.file.Path> scratchDirs(java.nio.file.Path tmp) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("bench-transfer"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }
}
