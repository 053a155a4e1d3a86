package dev.reprolab.sim.guest;

import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.windows.netstat.TcpState;
import static dev.reprolab.sim.guest.SimGuestTest.run;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.sim.SimVm;
import dev.reprolab.trial.HttpLoad;
import dev.reprolab.trial.TcpChurn;
import dev.reprolab.windows.netstat.NetstatParser;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.sc.ScParser;
import dev.reprolab.windows.sc.ServiceStatus;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

public class IisAndStandInTest {

    static SimGuest guest(boolean leaky) throws Exception {
        Path disk = Files.createTempDirectory("guest").resolve("disk");
        SimGuest g = SimGuest.builder("lab-01", disk).patchEffects(SimGuestTest.leaky(leaky)).httpPort(SimGuestTest.freePort())
                .forward(1433, SimGuestTest.freePort()).bootDelay(Duration.ofMillis(100)).afdWarningAfter(Duration.ofMillis(300)).build();
        SystemImage.populate(disk);
        g.powerOn();
        await().atMost(Duration.ofSeconds(10)).until(() -> g.powerState() == SimVm.PowerState.RUNNING);
        for (int port : new int[] {80, 1433}) {
            assertEquals(run(g, "netsh advfirewall firewall add rule name=p" + port + " dir=in action=allow protocol=TCP localport="
                    + port).exit(), 0);
        }
        return g;
    }

    static ServiceStatus status(SimGuest g, String name) {
        return (ServiceStatus) ScParser.parse(run(g, "sc queryex " + name).stdout()).get(0);
    }

    static List<NetstatRow> listening(SimGuest g, int port) {
        return NetstatParser.parse(run(g, "netstat -ano -p tcp").stdout()).stream()
                .filter(r -> r.localPort() == port && r.state() == TcpState.LISTENING).toList();
    }

    static void leakUnder(SimGuest g, AutoCloseable load) throws Exception {
        try (load) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                run(g, "netstat -ano");
                return g.tcp().leaks() > 0;
            });
        }
    }

    @Test
    public void webServerRoleBringsW3svcInIissvcsWithHttpSysOwningPort80AndAWorkerOnTheFirstRequest() throws Exception {
        SimGuest g = guest(false);
        try {
            assertEquals(run(g, "sc query W3SVC").exit(), 1060, "no IIS before the role");
            assertEquals(run(g, "iisreset /status").exit(), 9009);
            assertEquals(run(g, "dism /online /enable-feature /featurename:IIS-WebServerRole").exit(), 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "W3SVC").state() == ServiceState.RUNNING);
            ServiceStatus w3svc = status(g, "W3SVC");
            assertEquals(w3svc.pid(), status(g, "WAS").pid(), "W3SVC and WAS share one svchost");
            assertTrue(run(g, "wmic process where ProcessId=" + w3svc.pid() + " get CommandLine").stdout().contains("-k iissvcs")
                    || run(g, "tasklist /fi \"PID eq " + w3svc.pid() + "\"").stdout().contains("svchost.exe"));
            assertEquals(listening(g, 80).get(0).pid(), Integer.valueOf(4), "HTTP.sys's listener is System's");
            try (Socket s = new Socket("127.0.0.1", g.httpPort())) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
                assertTrue(answer.contains("Server: Microsoft-IIS/7.5") && answer.contains("<title>IIS7</title>"), answer);
            }
            assertTrue(run(g, "tasklist /fi \"IMAGENAME eq w3wp.exe\" /fo csv /nh").stdout().contains("w3wp.exe"));
            assertTrue(run(g, "%windir%\\system32\\inetsrv\\appcmd list wp").stdout().startsWith("WP \""));
            assertTrue(run(g, "%windir%\\system32\\inetsrv\\appcmd list site").stdout()
                    .contains("SITE \"Default Web Site\" (id:1,bindings:http/*:80:,state:Started)"));
            assertEquals(run(g, "sc stop WAS").exit(), 1051, "W3SVC depends on WAS");
            assertEquals(run(g, "sc stop W3SVC").exit(), 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "W3SVC").state() == ServiceState.STOPPED);
            assertTrue(listening(g, 80).isEmpty());
            assertTrue(run(g, "tasklist /fi \"IMAGENAME eq w3wp.exe\" /fo csv /nh").stdout().contains("No tasks"));
            SimGuestTest.Out start = run(g, "net start W3SVC");
            assertEquals(start.exit(), 0, start.stdout() + start.stderr());
            assertTrue(start.stdout().contains("The World Wide Web Publishing Service service was started successfully."), start.stdout());
            SimGuestTest.Out stop = run(g, "iisreset /stop");
            assertEquals(stop.exit(), 0, stop.stdout());
            assertTrue(stop.stdout().contains("Internet services successfully stopped"), stop.stdout());
            assertEquals(status(g, "WAS").state(), ServiceState.STOPPED);
        } finally {
            g.close();
        }
    }

    @Test
    public void addWindowsFeatureAsTheHarnessRunsItInstallsTheSameIis() throws Exception {
        SimGuest g = guest(false);
        try {
            SimGuestTest.Out r = run(g, dev.reprolab.trial.StepRunner.powershell(dev.reprolab.trial.WorkloadInstaller.ADD_WEB_SERVER));
            assertEquals(r.exit(), 0, r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("True") && r.stdout().contains("Success"), r.stdout());
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "W3SVC").state() == ServiceState.RUNNING);
            assertTrue(g.features().isInstalled("IIS-WebServerRole"));
            assertEquals(run(g, "dism /online /enable-feature /featurename:IIS-WebServerRole").exit(), 0, "already there: nothing to do");
        } finally {
            g.close();
        }
    }

    @Test
    public void onALeakyLevelW3svcStaysStoppingItsSvchostCannotBeKilledAndHttpSysKeepsTheListener() throws Exception {
        SimGuest g = guest(true);
        try {
            run(g, "dism /online /enable-feature /featurename:IIS-WebServerRole");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "W3SVC").state() == ServiceState.RUNNING);
            leakUnder(g, new HttpLoad("127.0.0.1", g.httpPort(), 4, 0, Duration.ofSeconds(5)).start());
            int host = status(g, "W3SVC").pid();
            assertEquals(run(g, "sc stop W3SVC").exit(), 0);
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> status(g, "W3SVC").checkpoint() >= 3);
            long cp = status(g, "W3SVC").checkpoint();
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertEquals(status(g, "W3SVC").state(), ServiceState.STOP_PENDING);
            assertEquals(status(g, "W3SVC").checkpoint(), cp, "the checkpoint stops moving");
            assertTrue(run(g, "taskkill /f /pid " + host).stdout().startsWith("SUCCESS"));
            assertTrue(run(g, "tasklist /fi \"PID eq " + host + "\"").stdout().contains("svchost.exe"), "killed but still there");
            assertEquals(listening(g, 80).get(0).pid(), Integer.valueOf(4));
            assertTrue(run(g, "tasklist /fi \"IMAGENAME eq w3wp.exe\" /fo csv /nh").stdout().contains("No tasks"), "the worker went");
            assertEquals(run(g, "sc start W3SVC").exit(), 1056);
            SimGuestTest.Out net = run(g, "net stop W3SVC");
            assertEquals(net.exit(), 2);
            assertTrue(net.stderr().contains("not responding to the control function"), net.stderr());
            await().atMost(Duration.ofSeconds(3)).until(() -> run(g, "wevtutil qe System /q:\"*[System[(EventID=16002)]]\" /f:text")
                    .stdout().contains("local port number 80 in process 4"));
        } finally {
            g.close();
        }
    }

    static void installStandIn(SimGuest g) throws Exception {
        Files.createDirectories(g.file("C:\\standin"));
        Files.copy(Path.of("..", "vm-images", "standin-service", "standin-svc.exe"), g.file("C:\\standin\\standin-svc.exe"));
        SimGuestTest.Out create = run(g, "sc create SqlSim binPath= \"C:\\standin\\standin-svc.exe -port 1433\" start= auto DisplayName= \"SQL stand-in\"");
        assertEquals(create.stdout(), "[SC] CreateService SUCCESS\r\n");
        assertEquals(run(g, "sc create SqlSim binPath= x").exit(), 1073);
    }

    @Test
    public void theStandInStopsCleanlyAndRestartsOnAFixedLevel() throws Exception {
        SimGuest g = guest(false);
        try {
            installStandIn(g);
            assertEquals(run(g, "sc start SqlSim").exit(), 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "SqlSim").state() == ServiceState.RUNNING);
            try (TcpChurn churn = new TcpChurn("127.0.0.1", g.forwards().get(1433), 2, 0, Duration.ofSeconds(5)).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> churn.succeeded() > 20);
                for (int i = 0; i < 5; i++) {
                    run(g, "netstat -ano");
                }
            }
            assertEquals(run(g, "sc stop SqlSim").exit(), 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "SqlSim").state() == ServiceState.STOPPED);
            assertTrue(listening(g, 1433).isEmpty());
            assertEquals(run(g, "net start SqlSim").exit(), 0);
            assertEquals(status(g, "SqlSim").state(), ServiceState.RUNNING);
        } finally {
            g.close();
        }
    }

    @Test
    public void onALeakyLevelTheStandInStopsButItsListenerStaysAndTheRestartFindsThePortInUse() throws Exception {
        SimGuest g = guest(true);
        try {
            installStandIn(g);
            run(g, "sc start SqlSim");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "SqlSim").state() == ServiceState.RUNNING);
            int pid = status(g, "SqlSim").pid();
            leakUnder(g, new TcpChurn("127.0.0.1", g.forwards().get(1433), 4, 0, Duration.ofSeconds(5)).start());
            run(g, "sc stop SqlSim");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g, "SqlSim").state() == ServiceState.STOPPED);
            assertTrue(run(g, "tasklist /fi \"IMAGENAME eq standin-svc.exe\" /fo csv /nh").stdout().contains("No tasks"));
            assertEquals(listening(g, 1433).get(0).pid(), Integer.valueOf(pid), "the listener outlives its process");
            SimGuestTest.Out start = run(g, "net start SqlSim");
            assertEquals(start.exit(), 2, start.stdout());
            assertTrue(start.stdout().contains("The SQL stand-in service could not be started."), start.stdout());
            assertTrue(start.stderr().contains("A service specific error occurred: 10048."), start.stderr());
            String app = run(g, "wevtutil qe Application /c:1 /rd:true /f:text").stdout();
            assertTrue(app.contains("Tcp port is already in use."), app);
            assertFalse(status(g, "SqlSim").state() == ServiceState.RUNNING);
        } finally {
            g.close();
        }
    }
}
