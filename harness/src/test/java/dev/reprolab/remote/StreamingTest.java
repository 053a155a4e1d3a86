package dev.reprolab.remote;

import static com.xebialabs.overthere.ConnectionOptions.ADDRESS;
import static com.xebialabs.overthere.ConnectionOptions.OPERATING_SYSTEM;
import static com.xebialabs.overthere.ConnectionOptions.PASSWORD;
import static com.xebialabs.overthere.ConnectionOptions.PORT;
import static com.xebialabs.overthere.ConnectionOptions.USERNAME;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.CONNECTION_TYPE;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_TIMEMOUT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import com.xebialabs.overthere.CmdLine;
import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.Overthere;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.OverthereExecutionOutputHandler;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import dev.reprolab.sim.guest.GuestProgram;
import dev.reprolab.sim.guest.ProgramCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A long command's first line reaches the client while the command still runs, over the real wire from the simulated
 * guest's WinRM endpoint: the guest program prints a line, then waits for the test to release it, which the test
 * does only after it has seen the line. Output batched anywhere until the command's end (in the endpoint's Receive,
 * the guest's shell, or the client's receive loop) leaves the line unseen, and the command ends on its own bound,
 * saying so.
 */
public class StreamingTest {

    /** How long the program waits for the release before it gives up (then it prints "unreleased", exits 1). */
    private static final Duration HOLD = Duration.ofSeconds(20);

    private volatile CountDownLatch release = new CountDownLatch(1);
    private SimEndpoint lab;

    private final GuestProgram held = new GuestProgram() {
        @Override
        public List<String> names() {
            return List.of("holdline", "holdline.exe");
        }

        @Override
        public int run(ProgramCall c) throws InterruptedException {
            if (!c.rawArguments().contains("/quiet")) {
                c.out("first line\r\n");
            }
            if (!release.await(HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                c.out("unreleased\r\n");
                return 1;
            }
            c.out("released\r\n");
            return 0;
        }
    };

    @BeforeClass
    public void start() throws Exception {
        lab = SimEndpoint.of(b -> b.programs(List.of(held)));
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        release.countDown();
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    public void overthereSeesTheFirstLineBeforeTheCommandEnds() throws Exception {
        release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        OverthereExecutionOutputHandler out = new OverthereExecutionOutputHandler() {
            @Override
            public void handleChar(char c) {
            }

            @Override
            public void handleLine(String line) {
                lines.add(line);
            }
        };
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
            try (OverthereConnection c = Overthere.getConnection("cifs", overthere())) {
                return c.execute(out, com.xebialabs.overthere.util.CapturingOverthereExecutionOutputHandler.capturingHandler(), CmdLine.build("holdline"));
            }
        });
        Awaitility.await("the first line, while the command runs").atMost(HOLD.minusSeconds(5))
                .until(() -> lines.contains("first line") || running.isDone());
        assertFalse(running.isDone(), "the command ended before its first line was seen: " + lines);
        release.countDown();
        assertEquals((int) running.get(30, TimeUnit.SECONDS), 0, "lines: " + lines);
        assertEquals(List.copyOf(lines), List.of("first line", "released"));
    }

    @Test
    public void winRmGuestHandsOnTheFirstLineBeforeTheCommandEnds() throws Exception {
        release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
                    () -> g.run("holdline", Duration.ofSeconds(60), l -> lines.add(l.text())));
            Awaitility.await("the first line, while the command runs").atMost(HOLD.minusSeconds(5))
                    .until(() -> lines.contains("first line") || running.isDone());
            assertFalse(running.isDone(), "the command ended before its first line was seen: " + lines);
            release.countDown();
            CommandResult r = running.get(30, TimeUnit.SECONDS);
            assertEquals(r.exitCode(), 0, r.stdout());
            assertEquals(List.copyOf(lines), List.of("first line", "released"));
        }
    }

    @Test
    public void aPowerShellLoopsFirstLineArrivesBeforeItEnds() throws Exception {
        release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        try (WinRmGuest g = new WinRmGuest(lab.address())) {
            CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
                    () -> g.run("powershell -NoProfile -Command \"Write-Output 'first line'; holdline /quiet\"", Duration.ofSeconds(60),
                            l -> lines.add(l.text())));
            Awaitility.await("the first line, while the command runs").atMost(HOLD.minusSeconds(5))
                    .until(() -> lines.contains("first line") || running.isDone());
            assertFalse(running.isDone(), "the command ended before its first line was seen: " + lines);
            release.countDown();
            CommandResult r = running.get(30, TimeUnit.SECONDS);
            assertEquals(r.exitCode(), 0, r.stdout() + r.stderr());
            assertEquals(List.copyOf(lines), List.of("first line", "released"));
        }
    }

    private ConnectionOptions overthere() {
        ConnectionOptions o = new ConnectionOptions();
        o.set(OPERATING_SYSTEM, OperatingSystemFamily.WINDOWS);
        o.set(CONNECTION_TYPE, CifsConnectionType.WINRM_INTERNAL);
        o.set(ADDRESS, "127.0.0.1");
        o.set(PORT, lab.address().winrmPort());
        o.set(USERNAME, "Administrator");
        o.set(PASSWORD, SimEndpoint.PASSWORD);
        o.set(WINRM_TIMEMOUT, "PT60.000S");
        return o;
    }
}
