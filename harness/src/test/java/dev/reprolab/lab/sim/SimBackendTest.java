package dev.reprolab.lab.sim;

import dev.reprolab.windows.netstat.TcpState;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Credentials;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.Secret;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.sim.SimLab;
import dev.reprolab.sim.guest.PatchEffects;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** The simulated lab through the Hyper-V backend and Overthere: the path every `lab run` takes. */
public class SimBackendTest {

    private static final Duration D = Duration.ofSeconds(30);
    private SimBackend backend;

    @BeforeClass
    public void start() throws Exception {
        Secret pw = Secret.of("Sim-" + java.util.UUID.randomUUID());
        PatchEffects none = new PatchEffects() {
            @Override
            public boolean leaksListenerReferences(Collection<String> kbs) {
                return false;
            }

            @Override
            public Optional<String> fileVersion(String fileName, Collection<String> kbs) {
                return Optional.empty();
            }
        };
        SimLab lab = SimLab.start(new SimLab.Config(2, Files.createTempDirectory("simlab"), "Administrator", pw.reveal(), false,
                Duration.ofMillis(300), none, List.of(), Duration.ofSeconds(5)));
        backend = new SimBackend(lab, new Credentials("Administrator", pw));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    public void listsVmsStatesAndTheCleanCheckpointThroughHyperVPowerShell() {
        assertEquals(backend.vms(), List.of("lab-01", "lab-02"));
        assertEquals(backend.state("lab-01", D), LabBackend.VmState.RUNNING);
        assertTrue(backend.checkpoints("lab-02", D).contains(SimLab.CLEAN));
        LabException e = expectThrows(LabException.class, () -> backend.restore("lab-01", "no-such", D));
        assertTrue(e.getMessage().contains("unable to find a checkpoint named \"no-such\""), e.getMessage());
        // the host's powershell.exe serializes its error stream (#< CLIXML): the message is its text
        assertTrue(!e.getMessage().contains("CLIXML") && !e.getMessage().contains("<S S="), e.getMessage());
    }

    @Test
    public void runsGuestCommandsOverWinRm() {
        GuestAddress a = backend.address("lab-01", D);
        try (Guest g = new WinRmGuest(a)) {
            CommandResult r = g.run("hostname", D);
            assertEquals(r.exitCode(), 0);
            assertEquals(r.stdout().strip(), "WIN-LAB01");
            List<String> lines = new ArrayList<>();
            g.run("netstat -ano -p tcp", D, l -> lines.add(l.text()));
            assertTrue(lines.stream().anyMatch(l -> l.contains("0.0.0.0:5985")), lines.toString());
            CommandResult bad = g.run("frobnicate", D);
            assertEquals(bad.exitCode(), 9009);
            assertTrue(bad.stderr().contains("is not recognized"));
        }
    }

    @Test
    public void checkpointAndRestoreGiveBackExactState() {
        GuestAddress a = backend.address("lab-02", D);
        try (Guest g = new WinRmGuest(a)) {
            g.run("mkdir C:\\lab\\marker", D);
            backend.checkpoint("lab-02", "with-marker", D);
            g.run("mkdir C:\\lab\\later", D);
            backend.restore("lab-02", "with-marker", D);
            assertEquals(g.run("if exist C:\\lab\\later (echo yes) else (echo no)", D).stdout().strip(), "no");
            assertEquals(g.run("if exist C:\\lab\\marker (echo yes) else (echo no)", D).stdout().strip(), "yes");
            backend.restore("lab-02", SimLab.CLEAN, D);
            assertEquals(g.run("if exist C:\\lab\\marker (echo yes) else (echo no)", D).stdout().strip(), "no");
        }
    }

    @Test
    public void aRebootTakesTheEndpointAwayAndBringsItBackWithANewBootTime() {
        GuestAddress a = backend.address("lab-01", D);
        try (Guest g = new WinRmGuest(a)) {
            Instant before = g.bootTime(D);
            g.run("shutdown /r /t 0", D);
            Instant after = g.awaitReboot(before, D);
            assertTrue(after.isAfter(before));
            assertEquals(g.awaitReconnect(before, D), Guest.Reconnect.REBOOTED);
            assertEquals(g.awaitReconnect(g.bootTime(D), D), Guest.Reconnect.RECONNECTED);
        }
    }

    @Test
    public void aCommandPastItsDeadlineIsGivenUpInTime() {
        GuestAddress a = backend.address("lab-02", D);
        try (Guest g = new WinRmGuest(a)) {
            long t0 = System.nanoTime();
            LabException e = expectThrows(LabException.class, () -> g.run("netstat -ano 1", Duration.ofSeconds(2)));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("did not finish within PT2S"), e.getMessage());
            assertTrue(took < 10_000, "gave up after " + took + " ms");
        }
    }

    @Test
    public void filesRoundTripOverTheWinRmChannelWithHashCheck() throws Exception {
        GuestAddress a = backend.address("lab-01", D);
        java.nio.file.Path local = Files.createTempFile("up", ".bin");
        byte[] data = new byte[5 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        Files.write(local, data);
        try (Guest g = new WinRmGuest(a)) {
            g.upload(local, "C:\\lab\\up.bin", dev.reprolab.remote.FileChannel.WINRM, Duration.ofMinutes(2));
            java.nio.file.Path back = Files.createTempFile("down", ".bin");
            g.download("C:\\lab\\up.bin", back, dev.reprolab.remote.FileChannel.WINRM, Duration.ofMinutes(2));
            org.testng.Assert.assertEquals(Files.readAllBytes(back), data);
            LabException missing = expectThrows(LabException.class,
                    () -> g.download("C:\\lab\\nothere.bin", back, dev.reprolab.remote.FileChannel.WINRM, D));
            assertTrue(missing.getMessage().contains("nothere.bin"), missing.getMessage());
        }
    }

    @Test
    public void aFullDiskFailsUploadsAndDumpsWithWindowsMessages() throws Exception {
        GuestAddress a = backend.address("lab-02", D);
        dev.reprolab.sim.guest.SimGuest guest = backend.lab().node("lab-02").orElseThrow().guest();
        java.nio.file.Path local = Files.write(Files.createTempFile("full", ".bin"), new byte[64 * 1024]);
        try (Guest g = new WinRmGuest(a)) {
            guest.fillDisk(true);
            try {
                LabException e = expectThrows(LabException.class,
                        () -> g.upload(local, "C:\\lab\\full.bin", dev.reprolab.remote.FileChannel.WINRM, D));
                assertTrue(e.getMessage().contains("There is not enough space on the disk"), e.getMessage());
                assertTrue(e.getMessage().contains("full.bin"), e.getMessage());
                CommandResult dump = g.run("C:\\tools\\procdump.exe -accepteula -ma wininit.exe C:\\lab\\w.dmp", D);
                assertTrue(dump.stdout().contains("Error writing dump file: 0x80070070"), dump.stdout());
                assertEquals(g.run("if exist C:\\lab\\w.dmp (echo yes) else (echo no)", D).stdout().strip(), "no");
            } finally {
                guest.fillDisk(false);
            }
            g.upload(local, "C:\\lab\\full.bin", dev.reprolab.remote.FileChannel.WINRM, D);
        }
    }

    @Test
    public void commandsDoNotNeedTheCommonForkJoinPool() throws Exception {
        // a busy common pool (parallel streams, other libraries' blocking tasks) must not hold up a command's output
        int workers = java.util.concurrent.ForkJoinPool.commonPool().getParallelism();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try (Guest g = new WinRmGuest(backend.address("lab-02", D))) {
            assertTrue(busy.await(30, java.util.concurrent.TimeUnit.SECONDS), "the common pool's workers did not all start");
            CommandResult r = g.run("hostname", D);
            assertEquals(r.stdout().strip(), "WIN-LAB02");
        } finally {
            release.countDown();
        }
    }

    @Test
    public void aRebootInTheMiddleOfACommandFailsItInsteadOfWaitingOutItsDeadline() throws Exception {
        GuestAddress a = backend.address("lab-01", D);
        dev.reprolab.sim.guest.SimGuest guest = backend.lab().node("lab-01").orElseThrow().guest();
        try (WinRmGuest g = new WinRmGuest(a)) {
            Instant bootBefore = g.bootTime(D);
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CompletableFuture<Void> reboot = java.util.concurrent.CompletableFuture.runAsync(() -> {
                org.awaitility.Awaitility.await().atMost(D).until(() -> lines.size() >= 3);
                guest.restart("test: reboot while netstat polls");
            });
            LabException e = expectThrows(LabException.class,
                    () -> g.run("netstat -ano -p tcp 1", Duration.ofMinutes(10), l -> lines.add(l.text())));
            reboot.get();
            assertTrue(e.getMessage().contains("failed"), e.getMessage());
            assertTrue(!e.getMessage().contains("did not finish within"), e.getMessage());
            g.awaitReconnect(bootBefore, D);
        }
    }

    @Test
    public void theNetstatPollerStreamsTimestampedSnapshotsFromOneCommand() {
        GuestAddress a = backend.address("lab-02", D);
        try (Guest g = new WinRmGuest(a)) {
            dev.reprolab.trial.NetstatPoller p = new dev.reprolab.trial.NetstatPoller(g, Duration.ofMillis(200),
                    Duration.ofSeconds(30), java.time.Clock.systemUTC()).start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> p.snapshots().size() >= 5);
            p.close();
            var snaps = p.snapshots();
            assertTrue(snaps.get(0).rows().stream().anyMatch(r -> r.localPort() == 5985 && r.state() == TcpState.LISTENING),
                    snaps.get(0).rows().toString());
            for (int i = 1; i < snaps.size(); i++) {
                assertTrue(snaps.get(i).guestTime().isAfter(snaps.get(i - 1).guestTime()));
            }
        }
    }
}
