package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimServe;
import dev.reprolab.remote.Credentials;
import dev.reprolab.remote.Secret;
import dev.reprolab.sim.SimLab;
import dev.reprolab.sim.guest.GuestProgram;
import dev.reprolab.sim.guest.PatchEffects;
import dev.reprolab.sim.guest.ProgramCall;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** {@code lab exec} against a running simulated lab reached as a Hyper-V lab, the way a user pokes a real one. */
public class ExecCommandTest {

    /** Opened by the console when the first line has reached it; the guest program waits for that. */
    static volatile java.util.concurrent.CountDownLatch firstLineSeen = new java.util.concurrent.CountDownLatch(1);

    /**
     * A guest program that prints, then waits until its first line is on the console, prints again and exits 7:
     * output held back anywhere until the command's end leaves it waiting out its bound and printing "unseen".
     */
    static final GuestProgram SLOW = new GuestProgram() {
        @Override
        public List<String> names() {
            return List.of("slowecho", "slowecho.exe");
        }

        @Override
        public int run(ProgramCall c) throws InterruptedException {
            c.out("first\r\n");
            if (!firstLineSeen.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                c.out("unseen\r\n");
            }
            c.err("oops\r\n");
            c.out("second\r\n");
            return 7;
        }
    };

    private SimBackend sim;
    private Path labYaml;

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
        SimLab lab = SimLab.start(new SimLab.Config(1, Files.createTempDirectory("exec"), "Administrator", pw.reveal(), false,
                Duration.ofMillis(300), none, List.of(SLOW), Duration.ofSeconds(5)));
        sim = new SimBackend(lab, new Credentials("Administrator", pw));
        labYaml = SimServe.writeConfig(sim, Files.createTempDirectory("exec-config"));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A console stream; stdout's opens {@link #firstLineSeen} when its first line arrives. */
    static final class Timed extends OutputStream {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        final boolean stdout;
        volatile boolean firstLine;

        Timed(boolean stdout) {
            this.stdout = stdout;
        }

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (stdout && b == '\n' && !firstLine) {
                firstLine = true;
                firstLineSeen.countDown();
            }
        }

        String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private record Ran(int exit, Timed out, Timed err) {
    }

    private static Ran exec(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        Timed out = new Timed(true);
        Timed err = new Timed(false);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(args);
            return new Ran(exit, out, err);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    public void streamsOutputAsItComesAndExitsWithTheCommandsCode() {
        firstLineSeen = new java.util.concurrent.CountDownLatch(1);
        Ran r = exec("exec", "--lab", "hyperv", "--lab-config", labYaml.toString(), "lab-01", "--", "slowecho");
        assertEquals(r.exit(), 7);
        assertEquals(r.out().text(), "first\nsecond\n".replace("\n", System.lineSeparator()));
        assertTrue(r.err().text().contains("oops"), r.err().text());
    }

    @Test
    public void runsRealGuestCommands() {
        Ran r = exec("exec", "--lab", "hyperv", "--lab-config", labYaml.toString(), "lab-01", "--", "reg", "query",
                "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending");
        assertEquals(r.exit(), 1, "nothing is pending on a fresh guest");
        assertTrue(r.err().text().contains("unable to find the specified registry key"), r.err().text());
        Ran h = exec("exec", "--lab", "hyperv", "--lab-config", labYaml.toString(), "lab-01", "--", "hostname");
        assertEquals(h.exit(), 0);
        assertEquals(h.out().text().strip(), "WIN-LAB01");
    }

    @Test
    public void runsOnTheHyperVHost() {
        String getVm = Base64.getEncoder().encodeToString("Get-VM | Select-Object Name,State | ConvertTo-Json -Compress"
                .getBytes(StandardCharsets.UTF_16LE));
        Ran r = exec("exec", "--lab", "hyperv", "--lab-config", labYaml.toString(), "--host", "--",
                "powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", getVm);
        assertEquals(r.exit(), 0, r.err().text());
        assertEquals(r.out().text().strip(), "{\"Name\":\"lab-01\",\"State\":2}");
    }

    @Test
    public void badInputIsOneLineAndExitTwo() {
        Ran noVm = exec("exec", "--lab", "hyperv", "--lab-config", labYaml.toString(), "nope", "--", "hostname");
        assertEquals(noVm.exit(), 2);
        assertEquals(noVm.err().text().strip(), "lab: no VM 'nope' in the hyperv lab (have [lab-01])");
        Ran noCmd = exec("exec", "--lab", "hyperv", "--lab-config", labYaml.toString(), "lab-01");
        assertEquals(noCmd.exit(), 2);
        Ran noFile = exec("exec", "--lab", "hyperv", "--lab-config", "/nonexistent/lab.yaml", "lab-01", "--", "hostname");
        assertEquals(noFile.exit(), 2);
        assertTrue(noFile.err().text().contains("no such lab config"), noFile.err().text());
    }
}
