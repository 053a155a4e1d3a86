package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.remote.LabException;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.sim.guest.GuestDefect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * WinRM over HTTPS to simulated guests whose SChannel speaks what its registry said at the last boot: TLS 1.0 only
 * on a stock 2008 R2 (lab-02), TLS 1.2 too once provisioned (lab-01). The harness offers TLS 1.2+ unless the lab
 * config opts the endpoint in.
 */
public class LegacyTlsTest {

    private static final Duration D = Duration.ofSeconds(30);
    private static final String TLS12_SERVER = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server";
    private SimBackend lab;

    @BeforeClass
    public void start() throws Exception {
        lab = SimBackends.start(dev.reprolab.catalog.Catalog.load(Path.of("..", "vm-images", "catalog.yaml")), 2,
                Files.createTempDirectory("tls"), true, Map.of("lab-02", Set.of(GuestDefect.TLS12_OFF)));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static GuestAddress optIn(GuestAddress a) {
        return new GuestAddress(a.vm(), a.host(), a.winrmPort(), a.https(), a.credentials(), a.certificateSha256(), a.portForwards(), true);
    }

    @Test
    public void aProvisionedGuestAnswersOverTls12() {
        try (WinRmGuest g = new WinRmGuest(lab.address("lab-01", D))) {
            assertEquals(g.run("hostname", D).exitCode(), 0);
        }
    }

    @Test
    public void aStockGuestFailsTheHandshakeWithTheCauseInOneLine() {
        try (WinRmGuest g = new WinRmGuest(lab.address("lab-02", D))) {
            LabException e = expectThrows(LabException.class, () -> g.run("hostname", D));
            assertTrue(e.getMessage().contains("the guest speaks only TLS 1.0"), e.getMessage());
            assertTrue(e.getMessage().contains("allowTls10: true"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    public void theOptInReachesALegacyGuest() {
        try (WinRmGuest g = new WinRmGuest(optIn(lab.address("lab-02", D)))) {
            CommandResult r = g.run("hostname", D);
            assertEquals(r.exitCode(), 0, r.stderr());
        }
    }

    @Test(dependsOnMethods = {"aStockGuestFailsTheHandshakeWithTheCauseInOneLine", "theOptInReachesALegacyGuest"})
    public void theRegistryKeysTakeEffectAfterAReboot() {
        GuestAddress stock = lab.address("lab-02", D);
        try (WinRmGuest legacy = new WinRmGuest(optIn(stock))) {
            for (String v : new String[] {"Enabled /t REG_DWORD /d 1", "DisabledByDefault /t REG_DWORD /d 0"}) {
                CommandResult r = legacy.run("reg add \"" + TLS12_SERVER + "\" /v " + v + " /f", D);
                assertEquals(r.exitCode(), 0, r.stdout() + r.stderr());
            }
            try (WinRmGuest modern = new WinRmGuest(stock)) {
                // SChannel read its keys at boot: still TLS 1.0 only
                expectThrows(LabException.class, () -> modern.run("hostname", D));
            }
            Instant boot = legacy.bootTime(D);
            legacy.run("shutdown /r /t 0", D);
            legacy.awaitReboot(boot, Duration.ofMinutes(1));
            try (WinRmGuest modern = new WinRmGuest(stock)) {
                assertEquals(modern.run("hostname", D).exitCode(), 0);
            }
        } finally {
            lab.restore("lab-02", dev.reprolab.sim.SimLab.CLEAN, D);
        }
        // the restore brings back the checkpoint's running listener, booted without the keys
        try (WinRmGuest modern = new WinRmGuest(stock)) {
            expectThrows(LabException.class, () -> modern.run("hostname", D));
        }
    }
}
