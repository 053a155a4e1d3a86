package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.remote.LabException;
import dev.reprolab.trial.GuestEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.testng.annotations.Test;

/** NotMyFault's crash never returns: the machine dies under the command, and the harness must not wait forever. */
public class CrashUnderCommandTest {

    @Test
    public void theCrashKillsTheShellMidCommandAndTheWaitEndsLongBeforeTheDeadline() throws Exception {
        try (SimEndpoint lab = new SimEndpoint(b -> b); WinRmGuest g = new WinRmGuest(lab.address())) {
            Instant before = g.bootTime(Duration.ofSeconds(20));
            Instant t0 = Instant.now();
            LabException e = expectThrows(LabException.class,
                    () -> g.run("C:\\tools\\notmyfaultc64.exe /accepteula crash 0x01", Duration.ofMinutes(5)));
            assertTrue(Duration.between(t0, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0,
                    "ended after " + Duration.between(t0, Instant.now()) + ": " + e.getMessage());
            assertTrue(g.awaitReboot(before, Duration.ofSeconds(60)).isAfter(before));
        }
    }

    @Test
    public void theKernelDumpIsTakenThroughTheCrash() throws Exception {
        try (SimEndpoint lab = new SimEndpoint(b -> b); WinRmGuest g = new WinRmGuest(lab.address())) {
            Path dir = Files.createTempDirectory("trial");
            GuestEvidence.Dump d = new GuestEvidence(g, Duration.ofSeconds(30), dir).kernelDump(Duration.ofSeconds(90));
            assertEquals(d.kind(), dev.reprolab.windows.dump.DumpKind.KERNEL);
            assertTrue(d.valid(), d.toString());
        }
    }

    @Test
    public void theKernelDumpStartsTheCrashDetachedSoEveryCommandItSendsAnswers() throws Exception {
        try (SimEndpoint lab = new SimEndpoint(b -> b); WinRmGuest g = new WinRmGuest(lab.address())) {
            Recording r = new Recording(g);
            GuestEvidence.Dump d = new GuestEvidence(r, Duration.ofSeconds(30), Files.createTempDirectory("trial")).kernelDump(Duration.ofSeconds(90));
            assertTrue(d.valid(), d.toString());
            assertEquals(r.died, List.of(), "commands that never answered (the machine died under them)");
            assertTrue(r.answered.stream().anyMatch(c -> c.startsWith("schtasks /run /tn lab-crash")), r.answered.toString());
            assertTrue(r.answered.stream().noneMatch(c -> c.startsWith("C:\\tools\\notmyfault")), "NotMyFault ran in the WinRM shell: " + r.answered);
        }
    }

    /** A guest that remembers which commands answered and which died with their connection. */
    static final class Recording implements Guest {
        final Guest g;
        final List<String> answered = new CopyOnWriteArrayList<>();
        final List<String> died = new CopyOnWriteArrayList<>();

        Recording(Guest g) {
            this.g = g;
        }

        @Override
        public String name() {
            return g.name();
        }

        @Override
        public CommandResult run(String commandLine, Duration deadline) {
            return run(commandLine, deadline, l -> { });
        }

        @Override
        public CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines) {
            try {
                CommandResult res = g.run(commandLine, deadline, lines);
                answered.add(commandLine);
                return res;
            } catch (LabException e) {
                died.add(commandLine + ": " + e.getMessage());
                throw e;
            }
        }

        @Override
        public void upload(Path local, String remotePath, FileChannel channel, Duration deadline) {
            g.upload(local, remotePath, channel, deadline);
        }

        @Override
        public void download(String remotePath, Path local, FileChannel channel, Duration deadline) {
            g.download(remotePath, local, channel, deadline);
        }

        @Override
        public Instant bootTime(Duration deadline) {
            return g.bootTime(deadline);
        }

        @Override
        public BootMark bootMark(Duration deadline) {
            return g.bootMark(deadline);
        }

        @Override
        public BootMark awaitReboot(BootMark before, Duration deadline) {
            return g.awaitReboot(before, deadline);
        }

        @Override
        public Reconnect awaitReconnect(Instant bootTimeBefore, Duration deadline) {
            return g.awaitReconnect(bootTimeBefore, deadline);
        }

        @Override
        public Instant awaitReboot(Instant bootTimeBefore, Duration deadline) {
            return g.awaitReboot(bootTimeBefore, deadline);
        }

        @Override
        public void close() {
        }
    }
}
