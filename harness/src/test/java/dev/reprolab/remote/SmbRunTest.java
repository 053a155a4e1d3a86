package dev.reprolab.remote;

import dev.reprolab.sim.smb.SambaShare;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.run.LabRun;
import dev.reprolab.run.Results;
import dev.reprolab.scenario.Scenario;
import dev.reprolab.scenario.ScenarioLoader;
import dev.reprolab.trial.TrialRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * A whole run with {@code lab.fileChannel: smb}: Apache and the updates go up, the process and kernel dumps come
 * back through a real Samba serving the simulated guest's C: drive, and the verdicts are the smoke scenario's.
 * smbd's log names the files it opened, which shows they went over SMB and not over WinRM.
 */
public class SmbRunTest {

    @Test
    public void aRunOnTheSmbChannelMovesItsFilesThroughTheShare() throws Exception {
        Path scenarios = Path.of("../scenarios").toAbsolutePath().normalize();
        String yaml = Files.readString(scenarios.resolve("smoke.yaml"))
                .replace("  guests: 2", "  guests: 1\n  fileChannel: smb");
        Path file = Files.createTempFile(scenarios, "smb-", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, yaml);
        Scenario s = ScenarioLoader.load(file);
        assertEquals(s.lab().fileChannel(), FileChannel.SMB);
        Path runDir = Files.createTempDirectory("smbrun").resolve("run");
        List<Results.CellResult> results;
        Path smbLog;
        try (SimBackend sim = SimBackends.start(Catalog.load(s.updates().catalog()), 1, Files.createTempDirectory("sim"), false)) {
            String vm = sim.vms().get(0);
            Path cDrive = sim.lab().config().root().resolve(vm).resolve("disk");
            GuestAddress a = sim.address(vm, Duration.ofSeconds(30));
            try (SambaShare samba = SmbChannelTest.sambaShare(cDrive, a.credentials().username(), a.credentials().password().reveal())) {
                smbLog = samba.log();
                LabBackend viaSmb = new SmbForwarding(sim, samba);
                LabRun run = new LabRun(s, viaSmb, runDir, Clock.systemUTC(), l -> { }).start(2, TrialRecorder.NONE);
                run.runTrials(t -> true);
                results = run.finish();
            }
        }
        for (Results.CellResult c : results) {
            assertEquals(c.infraErrors(), 0, c.toString());
            if (c.patchSet().equals("june-2018")) {
                assertEquals(c.reproduced(), 0, c.toString());
            } else {
                assertEquals(c.reproduced(), 2, c.toString());
            }
        }
        List<Path> dumps;
        try (Stream<Path> files = Files.walk(runDir.resolve("trials"))) {
            dumps = files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".dmp")).toList();
        }
        assertTrue(dumps.stream().anyMatch(p -> p.getFileName().toString().equals("MEMORY.DMP")), dumps.toString());
        assertTrue(dumps.size() >= 2, "a process dump per hung trial and the kernel dump: " + dumps);
        String log = Files.readString(smbLog);
        assertTrue(log.contains("MEMORY.DMP"), "the kernel dump came over SMB");
        assertTrue(log.contains("httpd.exe"), "Apache went up over SMB");
        assertTrue(log.toLowerCase().contains(".msu"), "the updates went up over SMB");
    }

    /** The simulated lab with port 445 of its guest forwarded to the test's Samba, restarted with every restore. */
    private static final class SmbForwarding implements LabBackend {
        private final SimBackend sim;
        private final SambaShare samba;

        SmbForwarding(SimBackend sim, SambaShare samba) {
            this.sim = sim;
            this.samba = samba;
        }

        @Override
        public String name() {
            return sim.name();
        }

        @Override
        public List<String> vms() {
            return sim.vms();
        }

        @Override
        public VmState state(String vm, Duration deadline) {
            return sim.state(vm, deadline);
        }

        @Override
        public void start(String vm, Duration deadline) {
            sim.start(vm, deadline);
        }

        @Override
        public void stop(String vm, StopMode mode, Duration deadline) {
            sim.stop(vm, mode, deadline);
        }

        @Override
        public void checkpoint(String vm, String checkpoint, Duration deadline) {
            sim.checkpoint(vm, checkpoint, deadline);
        }

        @Override
        public List<String> checkpoints(String vm, Duration deadline) {
            return sim.checkpoints(vm, deadline);
        }

        @Override
        public void restore(String vm, String checkpoint, Duration deadline) {
            sim.restore(vm, checkpoint, deadline);
            try {
                samba.restart(); // a restored guest's SMB server starts afresh, on the restored disk
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public GuestAddress address(String vm, Duration deadline) {
            GuestAddress a = sim.address(vm, deadline);
            Map<Integer, Integer> forwards = new HashMap<>(a.portForwards());
            forwards.put(445, samba.port());
            return new GuestAddress(a.vm(), a.host(), a.winrmPort(), a.https(), a.credentials(), a.certificateSha256(), forwards);
        }

        @Override
        public void close() {
        }
    }
}
