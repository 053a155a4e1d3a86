package dev.reprolab.sim.guest;

import dev.reprolab.windows.netstat.TcpState;
import dev.reprolab.windows.sc.ServiceState;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.winrm.RunningCommand;
import dev.reprolab.sim.winrm.ShellRequest;
import dev.reprolab.trial.ApacheDistribution;
import dev.reprolab.trial.HttpLoad;
import dev.reprolab.windows.netstat.NetstatParser;
import dev.reprolab.windows.sc.ScParser;
import dev.reprolab.windows.sc.ServiceStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class SimGuestTest {

    static final Charset OEM = Charset.forName("IBM437");

    record Out(int exit, String stdout, String stderr) {
    }

    static Out run(SimGuest g, String line) {
        RunningCommand c = g.start(new ShellRequest("\"" + line + "\"", List.of(), false, 437, "Administrator", "S"));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        // A command that never finishes fails the test instead of hanging the suite.
        java.time.Instant until = java.time.Instant.now().plus(Duration.ofMinutes(2));
        try {
            while (true) {
                if (java.time.Instant.now().isAfter(until)) {
                    throw new AssertionError("'" + line + "' did not finish within 2 minutes");
                }
                RunningCommand.Output out = c.next(Duration.ofSeconds(30));
                o.writeBytes(out.stdout());
                e.writeBytes(out.stderr());
                if (out.done()) {
                    return new Out(out.exitCode(), o.toString(OEM), e.toString(OEM));
                }
            }
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }

    static PatchEffects leaky(boolean leaks) {
        return new PatchEffects() {
            @Override
            public boolean leaksListenerReferences(Collection<String> kbs) {
                return leaks;
            }

            @Override
            public Optional<String> fileVersion(String fileName, Collection<String> kbs) {
                return Optional.of("6.1.7601.24168");
            }
        };
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static SimGuest booted(boolean leaks) throws IOException {
        Path disk = Files.createTempDirectory("guest").resolve("disk");
        SimGuest g = SimGuest.builder("lab-01", disk).patchEffects(leaky(leaks)).httpPort(freePort())
                .bootDelay(Duration.ofMillis(100)).build();
        SystemImage.populate(disk);
        Path zip = Paths.get("..", "vm-images", "apache", "httpd-2.4.34-win64-VC15-simlab.zip");
        if (!Files.exists(zip)) {
            zip = Paths.get("vm-images", "apache", "httpd-2.4.34-win64-VC15-simlab.zip");
        }
        ApacheDistribution.unpack(zip, disk);
        g.powerOn();
        await().atMost(Duration.ofSeconds(10)).until(() -> g.powerState() == SimVm.PowerState.RUNNING);
        Out install = run(g, "\"C:\\Apache24\\bin\\httpd.exe\" -k install -n \"Apache2.4\"");
        assertEquals(install.exit(), 0, install.stderr());
        assertTrue(install.stdout().contains("successfully installed"));
        // Windows Firewall drops inbound 80 until a rule allows it, as the harness's preparation adds
        assertEquals(run(g, "netsh advfirewall firewall add rule name=http dir=in action=allow protocol=TCP localport=80").exit(), 0);
        return g;
    }

    static ServiceStatus status(SimGuest g) {
        return (ServiceStatus) ScParser.parse(run(g, "sc queryex Apache2.4").stdout()).get(0);
    }

    @Test
    public void cleanStopOnAFixedPatchLevelEvenUnderPollingAndLoad() throws Exception {
        SimGuest g = booted(false);
        try {
            assertEquals(run(g, "sc start Apache2.4").exit(), 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g).state() == ServiceState.RUNNING);
            try (HttpLoad load = new HttpLoad("127.0.0.1", g.httpPort(), 2, 0, Duration.ofSeconds(5)).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > 20);
                for (int i = 0; i < 10; i++) {
                    assertTrue(NetstatParser.parse(run(g, "netstat -ano -p tcp").stdout()).stream()
                            .anyMatch(r -> r.localPort() == 80 && r.state() == TcpState.LISTENING));
                }
                assertEquals(run(g, "sc stop Apache2.4").exit(), 0);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g).state() == ServiceState.STOPPED);
            assertTrue(run(g, "tasklist /fi \"IMAGENAME eq httpd.exe\" /fo csv /nh").stdout().contains("INFO: No tasks"));
            assertEquals(g.tcp().leaks(), 0L);
        } finally {
            g.close();
        }
    }

    @Test
    public void enumerationRacingChurnOnALeakyLevelHangsTheStop() throws Exception {
        SimGuest g = booted(true);
        try {
            run(g, "sc start Apache2.4");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g).state() == ServiceState.RUNNING);
            try (HttpLoad load = new HttpLoad("127.0.0.1", g.httpPort(), 4, 0, Duration.ofSeconds(5)).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    run(g, "netstat -ano");
                    return g.tcp().leaks() > 0;
                });
                run(g, "sc stop Apache2.4");
            }
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> status(g).checkpoint() >= 3);
            ServiceStatus s = status(g);
            assertEquals(s.state(), ServiceState.STOP_PENDING);
            long cp = s.checkpoint();
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertEquals(status(g).checkpoint(), cp, "the checkpoint stops advancing");
            String tasks = run(g, "tasklist /fi \"IMAGENAME eq httpd.exe\" /fo csv /nh").stdout();
            int pid = Integer.parseInt(tasks.lines().filter(l -> l.contains("httpd.exe")).findFirst().orElseThrow().split("\",\"")[1]);
            Out kill = run(g, "taskkill /f /pid " + pid);
            assertTrue(kill.stdout().startsWith("SUCCESS"), kill.stdout());
            assertTrue(run(g, "tasklist /fi \"PID eq " + pid + "\"").stdout().contains("httpd.exe"), "killed but still there");
            assertTrue(NetstatParser.parse(run(g, "netstat -ano").stdout()).stream()
                    .anyMatch(r -> r.localPort() == 80 && r.state() == TcpState.LISTENING), "the listener outlives its process");
        } finally {
            g.close();
        }
    }

    @Test
    public void checkpointRestoreGivesBackTheEarlierStateAndRebootCommitsStagedUpdates() throws Exception {
        SimGuest g = booted(false);
        try {
            g.checkpoint("golden");
            run(g, "mkdir C:\\lab\\after");
            assertTrue(g.stageUpdate("KB4338818", "NT AUTHORITY\\SYSTEM"));
            assertEquals(run(g, "reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending\"").exit(), 0);
            var before = g.bootTime();
            run(g, "shutdown /r /t 0");
            await().atMost(Duration.ofSeconds(10)).until(() -> g.running() && g.bootTime().isAfter(before));
            assertTrue(run(g, "wmic qfe get HotFixID").stdout().contains("KB4338818"));
            assertFalse(g.rebootPending());
            g.restore("golden");
            assertFalse(run(g, "wmic qfe get HotFixID").stdout().contains("KB4338818"));
            assertEquals(run(g, "if exist C:\\lab\\after (echo yes) else (echo no)").stdout().strip(), "no");
            assertEquals(g.bootTime(), before);
        } finally {
            g.close();
        }
    }

    @Test
    public void unknownCommandsGetCmdsOwnError() throws Exception {
        SimGuest g = booted(false);
        try {
            Out o = run(g, "frobnicate /x");
            assertEquals(o.exit(), 9009);
            assertEquals(o.stderr(), "'frobnicate' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
            Out sc = run(g, "sc query NoSuchService");
            assertEquals(sc.exit(), 1060);
            assertTrue(sc.stdout().contains("FAILED 1060"), sc.stdout());
        } finally {
            g.close();
        }
    }

    @Test
    public void powershellLoopsRunExternalProgramsAndStopOnTheirOwn() throws Exception {
        SimGuest g = booted(false);
        try {
            String script = "$end = [DateTime]::UtcNow.AddSeconds(1)\n"
                    + "while ([DateTime]::UtcNow -lt $end) {\n"
                    + "  Write-Output ('#snapshot ' + [DateTime]::UtcNow.ToString('o'))\n"
                    + "  netstat.exe -ano -p tcp\n"
                    + "  Start-Sleep -Milliseconds 200\n"
                    + "}\n";
            String enc = java.util.Base64.getEncoder().encodeToString(script.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
            Out o = run(g, "powershell -NoProfile -NonInteractive -EncodedCommand " + enc);
            assertEquals(o.exit(), 0, o.stderr());
            long snaps = o.stdout().lines().filter(l -> l.startsWith("#snapshot 20")).count();
            assertTrue(snaps >= 3 && snaps <= 6, snaps + " snapshots:\n" + o.stdout());
            assertTrue(o.stdout().contains("Active Connections"));
        } finally {
            g.close();
        }
    }
}
