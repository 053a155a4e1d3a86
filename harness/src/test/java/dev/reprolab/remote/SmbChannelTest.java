package dev.reprolab.remote;

import dev.reprolab.sim.smb.SambaShare;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.sim.SimLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.testng.annotations.Test;

/** The SMB file channel through Overthere's jcifs against a real Samba sharing a simulated guest's C: drive. */
public class SmbChannelTest {

    @Test
    public void uploadAndDownloadThroughTheAdministrativeShare() throws Exception {
        Path catalog = Files.exists(Paths.get("../vm-images/catalog.yaml")) ? Paths.get("../vm-images/catalog.yaml") : Paths.get("vm-images/catalog.yaml");
        try (SimBackend lab = SimBackends.start(dev.reprolab.catalog.Catalog.load(catalog), 1, Files.createTempDirectory("sim"), false)) {
            SimLab.Node node = lab.lab().nodes().get(0);
            Path cDrive = lab.lab().config().root().resolve(node.guest().name()).resolve("disk");
            GuestAddress a = lab.address(node.guest().name(), Duration.ofSeconds(30));
            try (SambaShare samba = sambaShare(cDrive, a.credentials().username(), a.credentials().password().reveal())) {
                Map<Integer, Integer> forwards = new HashMap<>(a.portForwards());
                forwards.put(445, samba.port());
                GuestAddress viaSmb = new GuestAddress(a.vm(), a.host(), a.winrmPort(), a.https(), a.credentials(),
                        a.certificateSha256(), forwards);
                byte[] data = new byte[5 * 1024 * 1024];
                new Random(3).nextBytes(data);
                Path local = Files.createTempFile("smb", ".bin");
                Files.write(local, data);
                try (Guest g = new WinRmGuest(viaSmb)) {
                    g.upload(local, "C:\\lab\\via-smb.bin", FileChannel.SMB, Duration.ofMinutes(1));
                    // the guest itself sees the file: the share is its C: drive
                    assertTrue(g.run("dir /b C:\\lab", Duration.ofSeconds(30)).stdout().contains("via-smb.bin"));
                    Path back = Files.createTempFile("smb", ".back");
                    g.download("C:\\lab\\via-smb.bin", back, FileChannel.SMB, Duration.ofMinutes(1));
                    assertEquals(Files.readAllBytes(back), data);
                }
            }
        }
    }

    /** A real Samba sharing {@code cDrive}, or the test is skipped where smbd is not installed. */
    static SambaShare sambaShare(Path cDrive, String user, String password) throws Exception {
        if (!SambaShare.installed()) {
            throw new org.testng.SkipException(SambaShare.MISSING);
        }
        return SambaShare.share(cDrive, user, password);
    }
}
