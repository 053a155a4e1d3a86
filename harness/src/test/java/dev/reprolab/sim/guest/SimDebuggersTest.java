package dev.reprolab.sim.guest;

import dev.reprolab.windows.sc.ServiceState;
import static dev.reprolab.sim.guest.SimGuestTest.booted;
import static dev.reprolab.sim.guest.SimGuestTest.run;
import static dev.reprolab.sim.guest.SimGuestTest.status;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.reprolab.sim.SimVm;
import dev.reprolab.trial.HttpLoad;
import dev.reprolab.windows.debugger.HangSignature;
import dev.reprolab.windows.debugger.KdLog;
import dev.reprolab.windows.debugger.KdParser;
import dev.reprolab.windows.tasklist.TasklistParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The guest's kd, cdb and LiveKd read what the dump FILE holds: a user dump taken before the hang shows no stuck
 * thread, the live kernel and the crash dump taken after it show httpd's closing thread in afd waiting on tcpip,
 * with the listener's leaked references; another driver's hang shows another signature.
 */
public class SimDebuggersTest {

    static final String KD = "\"C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64\\kd.exe\"";
    static final String CDB = "\"C:\\Program Files (x86)\\Windows Kits\\10\\Debuggers\\x64\\cdb.exe\"";
    static final String SYM = "srv*C:\\sym*https://msdl.microsoft.com/download/symbols";
    static final List<String> INTEREST = List.of("afd", "tcpip");

    private static void startAndLoad(SimGuest g, boolean untilLeak) {
        run(g, "sc start Apache2.4");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(g).state() == ServiceState.RUNNING);
        try (HttpLoad load = new HttpLoad("127.0.0.1", g.httpPort(), 4, 0, Duration.ofSeconds(5)).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                run(g, "netstat -ano");
                return load.succeeded() > 10 && (!untilLeak || g.tcp().leaks() > 0);
            });
        }
    }

    private static List<Integer> httpd(SimGuest g) {
        return TasklistParser.parse(run(g, "tasklist /fi \"IMAGENAME eq httpd.exe\" /fo csv /nh").stdout()).stream()
                .map(t -> t.pid()).toList();
    }

    private static void stopUntilStuck(SimGuest g) {
        run(g, "sc stop Apache2.4");
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> status(g).checkpoint() >= 3);
        assertEquals(status(g).state(), ServiceState.STOP_PENDING);
    }

    private static KdLog liveKd(SimGuest g, String log) {
        run(g, "mkdir C:\\lab\\triage");
        SimGuestTest.Out o = run(g, "C:\\tools\\livekd64.exe -accepteula -k " + KD + " -c \"!process 0 7 httpd.exe;!reprolab.listeners;q\" -logo "
                + log + " -y " + SYM);
        assertEquals(o.exit(), 0, o.stdout() + o.stderr());
        assertTrue(o.stdout().startsWith("\r\nLiveKd v5.63"), o.stdout());
        return KdParser.parse(read(g, log));
    }

    private static String read(SimGuest g, String path) {
        try {
            return Files.readString(g.file(path), Debuggers.LOG_CHARSET);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void dumpsShowTheMomentTheyWereTakenAndTheHangNamesAfdAndTcpip() throws Exception {
        SimGuest g = booted(true);
        try {
            startAndLoad(g, true);
            int child = httpd(g).get(1);
            // a user dump now, before the stop: every thread idles in generic waits
            assertEquals(run(g, "C:\\tools\\procdump.exe -accepteula -ma " + child + " C:\\lab\\before.dmp").exit(), 1);
            stopUntilStuck(g);
            KdLog live = liveKd(g, "C:\\lab\\triage\\livekd.log");
            String sig = HangSignature.of(live, "httpd.exe", INTEREST).orElseThrow();
            assertEquals(sig, "hang: httpd.exe in afd!AfdCloseTransportEndpoint <- nt!IopCloseFile, waiting on tcpip!TcpTlListenerCloseEndpoint");
            assertEquals(live.processes().size(), 2, "parent and child httpd.exe");
            KdLog.Thread closing = live.processes().get(1).threads().get(0);
            assertEquals(closing.waitReason(), "Executive");
            assertEquals(closing.waitMode(), "KernelMode");
            String text = read(g, "C:\\lab\\triage\\livekd.log");
            assertTrue(text.matches("(?s).*0\\.0\\.0\\.0:80 +" + child + "  0x([0-9a-f]+) \\(1, 0x[0-9a-f]+\\).*"), text);

            SimGuestTest.Out before = run(g, CDB + " -z C:\\lab\\before.dmp -c \"vertarget; !analyze -v -hang; ~*k;q\" -y " + SYM);
            KdLog user = KdParser.parse(before.stdout());
            assertEquals(user.dumpKind(), "User Mini Dump File with Full Memory");
            assertEquals(user.threads().stream().filter(t -> t.cid() != null).count(), 4L, "~*k: the child's four threads");
            assertTrue(user.threads().stream().flatMap(t -> t.frames().stream()).noneMatch(f -> f.callSite().startsWith("ntdll!ZwClose")),
                    "no closing thread in a dump taken before the stop");
            assertEquals(user.field("PROCESS_NAME"), "httpd.exe");

            // the kernel dump: NotMyFault's crash, read back after the reboot from C:\Windows\MEMORY.DMP
            var boot = g.bootTime();
            // the machine dies under the command, which never returns (as on a real guest): start it, do not wait for it
            g.start(new dev.reprolab.sim.winrm.ShellRequest("\"C:\\tools\\notmyfaultc64.exe /accepteula crash 0x01\"", List.of(), false, 437,
                    "Administrator", "S"));
            await().atMost(Duration.ofSeconds(10)).until(() -> g.powerState() == SimVm.PowerState.RUNNING && g.bootTime().isAfter(boot));
            SimGuestTest.Out kd = run(g, KD + " -z C:\\Windows\\MEMORY.DMP -c \"vertarget; .bugcheck; !analyze -v; lmvm tcpip; lmvm afd;"
                    + " !process 0 7 httpd.exe; !stacks 2 afd;q\" -logo C:\\lab\\kd.log -y " + SYM);
            assertEquals(kd.exit(), 0);
            assertEquals(read(g, "C:\\lab\\kd.log").replace("Opened log file 'C:\\lab\\kd.log'\r\n", "")
                    .replace("Closing open log file C:\\lab\\kd.log\r\n", "").replaceAll("[^\\x00-\\x7f]", "?"), kd.stdout().replace("Opened log file 'C:\\lab\\kd.log'\r\n", "")
                    .replace("Closing open log file C:\\lab\\kd.log\r\n", "").replaceAll("[^\\x00-\\x7f]", "?"), "the log holds the whole output");
            KdLog k = KdParser.parse(kd.stdout());
            assertEquals(k.dumpKind(), "Kernel Complete Dump File");
            assertEquals(k.osBuild(), Integer.valueOf(7601));
            assertEquals(k.buildLab(), "7601.24168.amd64fre.win7sp1_ldr.180612-0600");
            assertEquals(k.bugcheck().code(), 0xD1L);
            assertEquals(k.field("FAILURE_BUCKET_ID"), "AV_myfault!unknown_function");
            assertEquals(k.field("PROCESS_NAME"), "notmyfaultc64.exe");
            assertEquals(k.module("tcpip").fileVersion(), "6.1.7601.24168");
            assertNotNull(k.module("afd"));
            assertEquals(HangSignature.of(k, "httpd.exe", INTEREST).orElseThrow(), sig, "the crash dump shows the same hang");
            assertTrue(kd.stdout().contains("[fffffa80") && kd.stdout().contains(" httpd.exe]"), "!stacks 2 afd lists httpd's thread");
            assertTrue(kd.stdout().endsWith("quit:\r\nClosing open log file C:\\lab\\kd.log\r\n"), kd.stdout());
        } finally {
            g.close();
        }
    }

    @Test
    public void anotherDriversHangHasAnotherSignature() throws Exception {
        SimGuest g = booted(false);
        try {
            g.injectedHang().inject(kbs -> true, 1);
            startAndLoad(g, false);
            stopUntilStuck(g);
            KdLog live = liveKd(g, "C:\\lab\\triage\\livekd.log");
            String sig = HangSignature.of(live, "httpd.exe", INTEREST).orElseThrow();
            assertEquals(sig, "hang: httpd.exe in NETIO!WfpNotifyFlowContextDelete <- tcpip!TcpTlListenerCloseEndpoint, waiting on wfpguard!GuardFlowDeleteNotify");
            assertTrue(read(g, "C:\\lab\\triage\\livekd.log").contains("(1, 0x0)"), "nothing leaked: the owner's reference only");
        } finally {
            g.close();
        }
    }

    @Test
    public void aCleanStopLeavesNoHttpdAndNoSignature() throws Exception {
        SimGuest g = booted(false);
        try {
            startAndLoad(g, false);
            run(g, "sc stop Apache2.4");
            await().atMost(Duration.ofSeconds(5)).until(() -> status(g).state() == ServiceState.STOPPED);
            KdLog live = liveKd(g, "C:\\lab\\triage\\livekd.log");
            assertTrue(live.processes().isEmpty());
            assertTrue(HangSignature.of(live, "httpd.exe", INTEREST).isEmpty());
        } finally {
            g.close();
        }
    }

    @Test
    public void withoutSymbolsFramesAreOffsetsAndTheLogSaysWhy() throws Exception {
        SimGuest g = booted(true);
        try {
            startAndLoad(g, true);
            stopUntilStuck(g);
            SimGuestTest.Out o = run(g, "C:\\tools\\livekd64.exe -k " + KD + " -c \"!process 0 7 httpd.exe;q\" -y srv*C:\\nosym*https://msdl.microsoft.com/download/symbols");
            assertTrue(o.stdout().contains("*** ERROR: Symbol file could not be found."), o.stdout());
            KdLog l = KdParser.parse(o.stdout());
            assertFalse(l.threads().isEmpty());
            assertTrue(l.threads().stream().flatMap(t -> t.frames().stream()).noneMatch(f -> f.callSite().contains("!")));
            SimGuestTest.Out missing = run(g, "\"C:\\Debuggers\\kd.exe\" -z C:\\Windows\\MEMORY.DMP -c \"q\"");
            assertEquals(missing.stderr(), "The system cannot find the path specified.\r\n");
            SimGuestTest.Out nodump = run(g, KD + " -z C:\\Windows\\MEMORY.DMP -c \"q\"");
            assertEquals(nodump.exit(), 1);
            assertTrue(nodump.stdout().contains("Could not open dump file [C:\\Windows\\MEMORY.DMP], Win32 error 0n2"));
        } finally {
            g.close();
        }
    }
}
