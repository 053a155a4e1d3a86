package dev.reprolab.lab.azure;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.input.BadInputException;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.lab.sim.SimAzure;
import dev.reprolab.remote.FileChannel;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.sim.azure.SimArm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The guest contract against the {@code azure} backend: the Azure SDK's real HTTP pipeline against the simulated
 * resource manager, the guests over WinRM HTTPS with the certificate pinned from Run Command's output.
 */
public class AzureBackendTest {

    private static final Duration D = Duration.ofMinutes(2);
    private SimArm arm;
    private Path dir;

    @BeforeClass
    public void start() throws Exception {
        dir = Files.createTempDirectory("simazure");
        arm = SimAzure.start(Catalog.load(Path.of("../vm-images/catalog.yaml")), dir.resolve("disks"), Duration.ofMillis(300));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    @Test
    public void guestContractOverTheAzureBackend() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("contract"), 1, false);
        String run = "contract-" + System.nanoTime();
        try (AzureBackend az = new AzureBackend(AzureConfig.load(config), run)) {
            assertEquals(az.vms(), List.of("lab-01"));
            assertEquals(az.state("lab-01", D), LabBackend.VmState.RUNNING);
            assertTrue(az.checkpoints("lab-01", D).contains(AzureBackend.CLEAN));
            GuestAddress a = az.address("lab-01", D);
            assertTrue(a.https());
            assertEquals(a.winrmPort(), 5986);
            assertTrue(a.host().startsWith("127.0.2."), a.host());
            assertTrue(a.certificateSha256().isPresent());
            try (Guest g = new WinRmGuest(a)) {
                assertEquals(g.run("hostname", D).stdout().strip(), "WIN-LAB01");
                assertTrue(g.run("netstat -ano", D).stdout().contains("LISTENING"));
                // 256 KiB both ways with equal SHA-256 over HTTPS (the 5 MiB round trip is the Hyper-V contract's)
                byte[] data = new byte[256 * 1024 + 3];
                new Random(11).nextBytes(data);
                Path up = Files.write(dir.resolve("up.bin"), data);
                g.upload(up, "C:\\lab\\up.bin", FileChannel.WINRM, D);
                Path back = dir.resolve("back.bin");
                g.download("C:\\lab\\up.bin", back, FileChannel.WINRM, D);
                assertEquals(Files.readAllBytes(back), data);
                g.run("mkdir C:\\lab\\marker", D);
            }
            az.checkpoint("lab-01", "with-marker", D);
            Instant bootAfterCheckpoint;
            try (Guest g = new WinRmGuest(az.address("lab-01", D))) {
                g.awaitReconnect(Instant.EPOCH, D);
                bootAfterCheckpoint = g.bootTime(D);
                g.run("mkdir C:\\lab\\later", D);
                Instant before = g.bootTime(D);
                g.run("shutdown /r /t 0", D);
                Instant after = g.awaitReboot(before, D);
                assertTrue(after.isAfter(before));
            }
            az.restore("lab-01", "with-marker", D);
            try (Guest g = new WinRmGuest(az.address("lab-01", D))) {
                g.awaitReconnect(Instant.EPOCH, D);
                assertEquals(g.run("if exist C:\\lab\\later (echo yes) else (echo no)", D).stdout().strip(), "no");
                assertEquals(g.run("if exist C:\\lab\\marker (echo yes) else (echo no)", D).stdout().strip(), "yes");
                assertNotEquals(g.bootTime(D), bootAfterCheckpoint, "a restored Azure VM boots cold from the swapped disk");
            }
            az.restore("lab-01", AzureBackend.CLEAN, D);
            try (Guest g = new WinRmGuest(az.address("lab-01", D))) {
                g.awaitReconnect(Instant.EPOCH, D);
                assertEquals(g.run("if exist C:\\lab\\marker (echo yes) else (echo no)", D).stdout().strip(), "no");
            }
            LabException e = expectThrows(LabException.class, () -> az.restore("lab-01", "no-such", D));
            assertTrue(e.getMessage().contains("no checkpoint named \"no-such\""), e.getMessage());
            assertFalse(arm.tagged(AzureBackend.RUN_TAG, run).isEmpty());
        }
        assertEquals(arm.tagged(AzureBackend.RUN_TAG, run), List.of(), "close() removes everything the run made");
        assertTrue(arm.resourceIds().stream().noneMatch(id -> id.contains(AzureBackend.groupName(run))),
                "nor anything untagged in its resource group (the implicit OS disks)");
    }

    /**
     * The subscription's image has 2008 R2's SChannel default (TLS 1.0 only), which the harness's client refuses: the
     * Run Command script turns TLS 1.2 on for server and client, and the clean checkpoint's deallocate and start is the
     * boot that applies the keys, so every trial's VM speaks TLS 1.2.
     */
    @Test
    public void runCommandTurnsTls12OnBeforeTheCleanCheckpointsBoot() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("tls12"), 1, false);
        try (AzureBackend az = new AzureBackend(AzureConfig.load(config), "tls12-" + System.nanoTime())) {
            dev.reprolab.sim.guest.SimGuest guest = arm.guests().get("lab-01");
            String key = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\";
            for (String side : List.of("Server", "Client")) {
                assertEquals(guest.settings(m -> m.registry.dword(key + side, "Enabled")), Optional.of(1L), side);
                assertEquals(guest.settings(m -> m.registry.dword(key + side, "DisabledByDefault")), Optional.of(0L), side);
            }
            assertTrue(guest.events("System").stream().filter(e -> e.eventId() == 6005).count() >= 2,
                    "the VM booted again after the script (the clean checkpoint's deallocate and start): SChannel reads the keys at boot");
            assertTrue(guest.settings(m -> m.tlsServerProtocols).contains("TLSv1.2"), guest.settings(m -> m.tlsServerProtocols).toString());
            try (Guest g = new WinRmGuest(az.address("lab-01", D))) {
                assertEquals(g.run("reg query \"" + key + "Server\" /v Enabled", D).exitCode(), 0);
            }
            String script = new String(AzurePool.class.getResourceAsStream("enable-winrm-https.ps1").readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(script.contains("SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\$side") && script.contains("@('Server', 'Client')")
                    && script.contains("@('Enabled', 1), @('DisabledByDefault', 0)"), "the script's keys");
        }
    }

    /** {@code winrm.allowTls10} is the Azure lab's opt-in for a legacy image, as {@code allowTls10} is a Hyper-V lab's. */
    @Test
    public void allowTls10IsAnExplicitOptIn() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("tls10"), 1, false);
        assertFalse(AzureConfig.load(config).allowTls10(), "off by default");
        String text = Files.readString(config);
        Files.writeString(config, text.contains("winrm:") ? text.replaceFirst("winrm: \\{", "winrm: { allowTls10: true,")
                : text + "\nwinrm: { allowTls10: true }\n");
        AzureConfig c = AzureConfig.load(config);
        assertTrue(c.allowTls10());
        try (AzureBackend az = new AzureBackend(c, "tls10-" + System.nanoTime())) {
            GuestAddress a = az.address("lab-01", D);
            assertTrue(a.allowTls10(), "the opt-in reaches every connection to the VMs (each warns)");
            try (Guest g = new WinRmGuest(a)) {
                assertEquals(g.run("hostname", D).stdout().strip(), "WIN-LAB01");
            }
        }
    }

    @Test
    public void aKilledRunsLeftoversAreReaped() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("reap"), 2, true);
        String run = "killed-" + System.nanoTime();
        AzureBackend az = new AzureBackend(AzureConfig.load(config), run);
        az.close(); // keep: true leaves everything, as a kill -9 would
        List<String> left = arm.tagged(AzureBackend.RUN_TAG, run);
        assertTrue(left.stream().anyMatch(id -> id.contains("virtualMachines/lab-02")), left.toString());
        AzureReaper reaper = AzureReaper.of(AzureConfig.load(config));
        assertFalse(reaper.leftovers(Optional.of(run)).isEmpty());
        List<String> deleted = reaper.reap(Optional.of(run), D);
        assertTrue(deleted.stream().anyMatch(id -> id.endsWith(AzureBackend.groupName(run))), deleted.toString());
        assertEquals(arm.tagged(AzureBackend.RUN_TAG, run), List.of());
        assertEquals(reaper.leftovers(Optional.of(run)), List.of());
        assertTrue(arm.guests().keySet().isEmpty() || arm.guests().values().stream().noneMatch(g -> g.name().equals("lab-02")
                && g.powerState() != dev.reprolab.sim.SimVm.PowerState.OFF));
    }

    @Test
    public void theNetworkSecurityGroupDecidesWhoReachesWinRm() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("nsg"), 1, false);
        Files.writeString(config, Files.readString(config).replace("controllerAddress: 127.0.0.1/32", "controllerAddress: 203.0.113.7/32"));
        try (AzureBackend az = new AzureBackend(AzureConfig.load(config), "nsg-" + System.nanoTime())) {
            GuestAddress a = az.address("lab-01", D);
            try (Guest g = new WinRmGuest(a)) {
                LabException e = expectThrows(LabException.class, () -> g.run("hostname", Duration.ofSeconds(10)));
                assertTrue(e.getMessage().contains(a.host()) || e.getMessage().contains("lab-01"), e.getMessage());
            }
        }
    }

    @Test
    public void aWrongTokenIsRefusedWithTheArmError() throws Exception {
        Path config = SimAzure.writeConfig(arm, dir.resolve("badtoken"), 1, false);
        Files.writeString(config.resolveSibling("arm-token"), "not-the-token", StandardCharsets.UTF_8);
        LabException e = expectThrows(LabException.class, () -> new AzureBackend(AzureConfig.load(config), "badtoken"));
        assertTrue(e.getMessage().contains("InvalidAuthenticationToken"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-token"), "the token never shows");
    }

    @Test
    public void badConfigIsOneClearUsageError() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "backend: azure\nsubscriptionId: 00000000-0000-0000-0000-000000000000\ntenantId: t\n"
                + "image: /subscriptions/x\nadmin: { username: a, password: hunter2 }\ncontrollerAddress: 1.2.3.4/32\n");
        BadInputException e = expectThrows(BadInputException.class, () -> AzureConfig.load(f));
        assertTrue(e.getMessage().contains("'admin.password' would put a secret in the file"), e.getMessage());
        Files.writeString(f, "backend: azure\nsubscriptionId: 00000000-0000-0000-0000-000000000000\ntenantId: t\n  vmSzie: x\n");
        e = expectThrows(BadInputException.class, () -> AzureConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ":4:"), e.getMessage());
        Files.writeString(f, "backend: azure\nsubscriptionId: 00000000-0000-0000-0000-000000000000\ntenantId: t\nvmSzie: x\n");
        e = expectThrows(BadInputException.class, () -> AzureConfig.load(f));
        assertTrue(e.getMessage().contains(":4:") && e.getMessage().contains("unknown key 'vmSzie'"), e.getMessage());
    }
}
