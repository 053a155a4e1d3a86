package dev.reprolab.doctor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.remote.TransferPolicy;
import dev.reprolab.remote.WinRmGuest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** Doctor's check for {@code lab.fileChannel: http}: a guest that reaches the controller's file server, and one that does not. */
public class HttpChannelCheckTest {

    private SimBackend sim;
    private Catalog catalog;

    @BeforeClass
    public void start() throws Exception {
        catalog = Catalog.load(DoctorTest.catalogFile());
        sim = SimBackends.start(catalog, 1, Files.createTempDirectory("httpcheck"), false);
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        sim.close();
    }

    private List<Finding> check(TransferPolicy.FileServer server) {
        DoctorOptions d = DoctorOptions.defaults(catalog, false);
        DoctorOptions o = new DoctorOptions(d.baseCheckpoint(), dev.reprolab.remote.FileChannel.HTTP, d.toolsDir(), d.procdump(), d.kernelDump(), d.apacheService(),
                d.apachePort(), d.catalog(), false, Duration.ofSeconds(30), d.clockTolerance(), server);
        GuestAddress a = sim.address("lab-01", Duration.ofSeconds(30));
        try (WinRmGuest g = new WinRmGuest(a)) {
            return new NetworkChecks.HttpFileServerReachable().check(new GuestProbe(g, a, Duration.ofSeconds(30)), o);
        }
    }

    @Test
    public void aGuestThatReachesTheControllerPasses() {
        List<Finding> f = check(TransferPolicy.FileServer.AUTO);
        assertEquals(f.size(), 1);
        assertEquals(f.get(0).status(), Finding.Status.OK, f.get(0).line());
        assertTrue(f.get(0).line().contains("fetches from the controller's HTTP file server"), f.get(0).line());
    }

    @Test
    public void aGuestThatCannotReachTheAdvertisedAddressFailsWithTheFix() {
        // the server listens on 127.0.0.1 but tells the guest 127.0.0.3, where nothing listens
        List<Finding> f = check(new TransferPolicy.FileServer(Optional.of("127.0.0.3"), Optional.of("127.0.0.1"), 0));
        assertEquals(f.get(0).status(), Finding.Status.FAIL, f.get(0).line());
        assertTrue(f.get(0).line().contains("Unable to connect to the remote server"), f.get(0).line());
        assertTrue(f.get(0).line().contains("lab.fileServer.address"), f.get(0).line());
    }
}
