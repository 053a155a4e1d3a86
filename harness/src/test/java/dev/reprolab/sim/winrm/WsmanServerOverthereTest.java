package dev.reprolab.sim.winrm;

import static com.xebialabs.overthere.ConnectionOptions.ADDRESS;
import static com.xebialabs.overthere.ConnectionOptions.OPERATING_SYSTEM;
import static com.xebialabs.overthere.ConnectionOptions.PASSWORD;
import static com.xebialabs.overthere.ConnectionOptions.PORT;
import static com.xebialabs.overthere.ConnectionOptions.USERNAME;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.CONNECTION_TYPE;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_ENABLE_HTTPS;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_HTTPS_CERTIFICATE_TRUST_STRATEGY;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_HTTPS_HOSTNAME_VERIFICATION_STRATEGY;
import static com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder.WINRM_TIMEMOUT;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.xebialabs.overthere.CmdLine;
import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.Overthere;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.RuntimeIOException;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import com.xebialabs.overthere.cifs.WinrmHttpsCertificateTrustStrategy;
import com.xebialabs.overthere.cifs.WinrmHttpsHostnameVerificationStrategy;
import com.xebialabs.overthere.util.CapturingOverthereExecutionOutputHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** The simulated WinRM endpoint against Overthere's real WINRM_INTERNAL client. */
public class WsmanServerOverthereTest {

    private static final String PASSWORD_VALUE = "S1m-Lab-pw!";
    private WsmanServer server;

    /** A tiny backend: echo, exit codes, stderr, big output, silence, stdin echo. */
    static final class TestBackend implements ShellBackend {
        @Override
        public RunningCommand start(ShellRequest request) {
            String line = request.commandLine().strip();
            if (line.length() >= 2 && line.startsWith("\"") && line.endsWith("\"")) {
                line = line.substring(1, line.length() - 1); // cmd /c "..." strips the outer quotes
            }
            PipedCommand cmd = new PipedCommand();
            String l = line;
            Thread t = new Thread(() -> run(l, cmd));
            cmd.onSignal(s -> t.interrupt());
            t.setDaemon(true);
            t.start();
            return cmd;
        }

        private static void run(String line, PipedCommand cmd) {
            try {
                if (line.startsWith("echo ")) {
                    cmd.writeOut((line.substring(5) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    cmd.finish(0);
                } else if (line.startsWith("fail ")) {
                    cmd.writeErr("it failed\r\n".getBytes(StandardCharsets.US_ASCII));
                    cmd.finish(Integer.parseInt(line.substring(5)));
                } else if (line.startsWith("big ")) {
                    byte[] b = new byte[Integer.parseInt(line.substring(4))];
                    Arrays.fill(b, (byte) 'x');
                    cmd.writeOut(b);
                    cmd.finish(0);
                } else if (line.startsWith("silent ")) {
                    Thread.sleep(Long.parseLong(line.substring(7)));
                    cmd.writeOut("woke\r\n".getBytes(StandardCharsets.US_ASCII));
                    cmd.finish(0);
                } else if (line.startsWith("ticker")) {
                    for (int i = 0; i < 5; i++) {
                        cmd.writeOut(("tick " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        Thread.sleep(100);
                    }
                    cmd.finish(0);
                } else {
                    cmd.writeErr(("'" + line.split(" ")[0] + "' is not recognized as an internal or external command,\r\n"
                            + "operable program or batch file.\r\n").getBytes(StandardCharsets.US_ASCII));
                    cmd.finish(9009);
                }
            } catch (InterruptedException e) {
                cmd.finish(-1073741510);
            }
        }
    }

    @BeforeClass
    public void start() {
        server = WsmanServer.builder().backend(new TestBackend()).credentials("Administrator", PASSWORD_VALUE)
                .maxTimeout(Duration.ofSeconds(2)).build().start();
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        server.close();
    }

    static ConnectionOptions options(int port, String password) {
        ConnectionOptions o = new ConnectionOptions();
        o.set(OPERATING_SYSTEM, OperatingSystemFamily.WINDOWS);
        o.set(CONNECTION_TYPE, CifsConnectionType.WINRM_INTERNAL);
        o.set(ADDRESS, "127.0.0.1");
        o.set(PORT, port);
        o.set(USERNAME, "Administrator");
        o.set(PASSWORD, password);
        o.set(WINRM_TIMEMOUT, "PT1.000S");
        return o;
    }

    static Result exec(ConnectionOptions o, String... cmd) {
        try (OverthereConnection c = Overthere.getConnection("cifs", o)) {
            CapturingOverthereExecutionOutputHandler out = CapturingOverthereExecutionOutputHandler.capturingHandler();
            CapturingOverthereExecutionOutputHandler err = CapturingOverthereExecutionOutputHandler.capturingHandler();
            int rc = c.execute(out, err, CmdLine.build(cmd));
            return new Result(rc, out.getOutput(), err.getOutput());
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    @Test
    public void runsACommandAndReturnsItsOutputAndExitCode() {
        Result r = exec(options(server.port(), PASSWORD_VALUE), "echo", "hello");
        assertEquals(r.exitCode(), 0);
        assertEquals(r.stdout().strip(), "hello");
        assertEquals(server.openShells(), 0, "Overthere deletes its shell after the command");
    }

    @Test
    public void separatesStderrAndKeepsTheExitCode() {
        Result r = exec(options(server.port(), PASSWORD_VALUE), "fail", "3");
        assertEquals(r.exitCode(), 3);
        assertEquals(r.stderr().strip(), "it failed");
        Result unknown = exec(options(server.port(), PASSWORD_VALUE), "frobnicate");
        assertEquals(unknown.exitCode(), 9009);
        assertTrue(unknown.stderr().contains("'frobnicate' is not recognized"), unknown.stderr());
    }

    @Test
    public void splitsOutputLargerThanTheEnvelopeAcrossReceives() {
        int before = server.requests();
        Result r = exec(options(server.port(), PASSWORD_VALUE), "big", "1000000");
        assertEquals(r.stdout().length(), 1_000_000);
        // 150 KB envelopes hold < 110 KB of payload each: a megabyte needs at least 9 Receives
        assertTrue(server.requests() - before >= 9 + 3, "requests: " + (server.requests() - before));
    }

    @Test
    public void streamsOutputAsItIsProduced() {
        Result r = exec(options(server.port(), PASSWORD_VALUE), "ticker");
        assertEquals(r.stdout().lines().count(), 5L);
    }

    @Test
    public void aSilentCommandLongerThanTheOperationTimeoutFaultsTheReceiveAsWindowsDoes() {
        // Windows answers a Receive that saw no output within OperationTimeout with a w:TimedOut fault;
        // Overthere 5.3.2 does not retry it, so a silent command outliving the timeout fails on its side.
        RuntimeIOException e = expectThrows(RuntimeIOException.class,
                () -> exec(options(server.port(), PASSWORD_VALUE), "silent", "3000"));
        assertTrue(String.valueOf(e.getMessage()).contains("500") || String.valueOf(e.getCause()).contains("500"), e.toString());
    }

    @Test
    public void rejectsWrongCredentialsWith401() {
        RuntimeIOException e = expectThrows(RuntimeIOException.class, () -> exec(options(server.port(), "wrong"), "echo", "x"));
        assertTrue(String.valueOf(e.getMessage()).contains("401"), e.getMessage());
    }

    @Test
    public void httpsWithTheGeneratedCertificate() {
        try (WsmanServer https = WsmanServer.builder().backend(new TestBackend()).credentials("Administrator", PASSWORD_VALUE)
                .https(true).build().start()) {
            assertEquals(https.certificateSha256().orElseThrow().length(), 64);
            ConnectionOptions o = options(https.port(), PASSWORD_VALUE);
            o.set(WINRM_ENABLE_HTTPS, true);
            o.set(WINRM_HTTPS_CERTIFICATE_TRUST_STRATEGY, WinrmHttpsCertificateTrustStrategy.SELF_SIGNED);
            o.set(WINRM_HTTPS_HOSTNAME_VERIFICATION_STRATEGY, WinrmHttpsHostnameVerificationStrategy.ALLOW_ALL);
            assertEquals(exec(o, "echo", "secure").stdout().strip(), "secure");
            ConnectionOptions strict = options(https.port(), PASSWORD_VALUE);
            strict.set(WINRM_ENABLE_HTTPS, true);
            expectThrows(RuntimeIOException.class, () -> exec(strict, "echo", "x"));
        }
    }

    @Test
    public void offlineRefusesConnectionsAndOnlineServesAgainOnTheSamePort() {
        try (WsmanServer s = WsmanServer.builder().backend(new TestBackend()).credentials("Administrator", PASSWORD_VALUE)
                .build().start()) {
            int port = s.port();
            s.goOffline();
            expectThrows(RuntimeIOException.class, () -> exec(options(port, PASSWORD_VALUE), "echo", "x"));
            s.goOnline();
            assertEquals(s.port(), port);
            assertEquals(exec(options(port, PASSWORD_VALUE), "echo", "back").stdout().strip(), "back");
        }
    }

    @Test
    public void injectedDropsSurfaceAsTransportErrors() {
        server.faults().dropNext(1);
        expectThrows(RuntimeIOException.class, () -> exec(options(server.port(), PASSWORD_VALUE), "echo", "x"));
        assertEquals(exec(options(server.port(), PASSWORD_VALUE), "echo", "ok").stdout().strip(), "ok");
    }
}
