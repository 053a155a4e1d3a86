package dev.reprolab.windows.debugger;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Every real debugger output in the project's test data, in LF, CRLF and CR CR LF. */
public class KdParserTest {

    private static final String DIR = "debugger/";

    private static Object[][] variants(String file) {
        return Fixtures.variants(DIR + file);
    }

    private static KdLog first(String file) {
        return KdParser.parse((String) variants(file)[1][1]);
    }

    @DataProvider
    public Object[][] analyzeMyfault() {
        return variants("analyze-v-0xd1-myfault-win11-22621.txt");
    }

    @Test(dataProvider = "analyzeMyfault")
    public void analyzeVNewLayoutMyfault(String name, String text) {
        KdLog l = KdParser.parse(text);
        assertEquals(l.bugcheck().code(), 0xD1L, name);
        assertEquals(l.bugcheck().name(), "DRIVER_IRQL_NOT_LESS_OR_EQUAL");
        assertEquals(l.bugcheck().parameters(), List.of(0xffff8001acdc6010L, 2L, 0L, 0xfffff805736312d0L));
        assertEquals(l.field("FAILURE_BUCKET_ID"), "AV_myfault!unknown_function");
        assertEquals(l.field("PROCESS_NAME"), "notmyfault64.exe");
        assertEquals(l.field("IMAGE_NAME"), "myfault.sys");
        assertEquals(l.field("MODULE_NAME"), "myfault");
        assertEquals(l.field("SYMBOL_NAME"), "myfault+12d0");
        assertEquals(l.field("FAILURE_ID_HASH"), "{9745090a-9bce-ccba-c096-ca6e9ca04c64}");
        assertEquals(l.osBuild(), Integer.valueOf(22621));
        assertEquals(HangSignature.bucket(l).orElseThrow(), "AV_myfault!unknown_function");
        // STACK_TEXT: 12 frames, innermost nt!KeBugCheckEx, the last one a raw user address
        KdLog.Thread t = l.threads().get(0);
        assertEquals(t.frames().size(), 12);
        assertEquals(t.frames().get(0).symbol(), "nt!KeBugCheckEx");
        assertEquals(t.frames().get(3).module(), "myfault");
        assertTrue(t.frames().get(0).kernel());
        assertTrue(t.frames().get(11).isAddress());
        assertFalse(t.frames().get(11).kernel());
    }

    @Test
    public void analyzeVOldLayoutWin7() {
        for (Object[] v : variants("analyze-v-0x7e-system-thread-exception-man-sys-win7sp1-7601.18741-x64.txt")) {
            KdLog l = KdParser.parse((String) v[1]);
            assertEquals(l.bugcheck().code(), 0x7EL, (String) v[0]);
            assertEquals(l.bugcheck().parameters().get(0), Long.valueOf(0xffffffffc0000005L));
            assertEquals(l.bugcheck().parameters().get(3), Long.valueOf(0xfffff88007c6b1b0L));
            assertEquals(l.field("DEFAULT_BUCKET_ID"), "WIN7_DRIVER_FAULT");
            assertEquals(l.field("BUCKET_ID"), "X64_0x7E_man+1ce7");
            assertEquals(l.field("FAILURE_BUCKET_ID"), "X64_0x7E_man+1ce7");
            assertEquals(l.field("PROCESS_NAME"), "System");
            assertEquals(l.field("IMAGE_NAME"), "man.sys");
            assertEquals(l.field("MODULE_NAME"), "man");
            assertEquals(l.field("SYMBOL_NAME"), "man+1ce7");
            assertEquals(l.field("FAILURE_ID_HASH"), "{ceed7a1b-a47b-c452-63c1-012e444d5204}");
            assertEquals(l.buildLab(), "7601.18741.amd64fre.win7sp1_gdr.150202-1526");
        }
    }

    @Test
    public void analyzeVTunnelDpcWithTcpipFrames() {
        for (Object[] v : variants("analyze-v-0xd1-tunnel-teredo-tcpip-dpc-win10-19041.txt")) {
            KdLog l = KdParser.parse((String) v[1]);
            assertEquals(l.bugcheck().code(), 0xD1L);
            assertEquals(l.bugcheck().parameters().get(0), Long.valueOf(8));
            assertEquals(l.field("SYMBOL_NAME"), "tunnel!TeredoWfpRemoveHashEntry+2c");
            assertEquals(l.field("FAILURE_BUCKET_ID"), "AV_tunnel!TeredoWfpRemoveHashEntry");
            assertEquals(l.field("FAILURE_ID_HASH"), "{ed81a04d-9dd2-aa51-bc2a-d6f45f90b7a5}");
            assertEquals(l.osBuild(), Integer.valueOf(19041));
            List<String> symbols = new ArrayList<>();
            l.threads().forEach(t -> t.frames().forEach(f -> symbols.add(f.symbol())));
            assertTrue(symbols.contains("tcpip!LruCleanupDpcRoutine"), symbols.toString());
            assertTrue(symbols.contains("NETIO!KfdAleNotifyFlowDeletion"), symbols.toString());
        }
    }

    @Test
    public void newWindbgSessionWithBannerAndMiniKernelDump() {
        for (Object[] v : variants("windbg-open-minidump-and-analyze-v-0xd1-netio-streaminvokecallout-win11-26100.txt")) {
            KdLog l = KdParser.parse((String) v[1]);
            assertEquals(l.debuggerVersion(), "10.0.27871.1001");
            assertEquals(l.dumpFile(), "C:\\Windows\\Minidump\\080725-17328-01.dmp");
            assertEquals(l.dumpKind(), "Mini Kernel Dump File");
            assertEquals(l.osBuild(), Integer.valueOf(26100));
            assertEquals(l.bugcheck().code(), 0xD1L);
            assertEquals(l.field("PROCESS_NAME"), "ManicTime.exe");
            assertEquals(l.field("IMAGE_NAME"), "NETIO.SYS");
            assertEquals(l.field("MODULE_NAME"), "NETIO");
            assertEquals(l.field("FAILURE_BUCKET_ID"), "AV_NETIO!StreamInvokeCalloutAndNormalizeAction");
            assertEquals(l.field("FAILURE_ID_HASH"), "{c2ca2d1f-cfdc-88d5-c7bc-7693b8f0de04}");
        }
    }

    @Test
    public void win7CompleteDumpBannerAndShortBugcheck() {
        for (Object[] v : variants("kd-open-dump-banner-kernel-complete-bugcheck-7e-win7sp1-7601.18741-x64.txt")) {
            KdLog l = KdParser.parse((String) v[1]);
            assertEquals(l.dumpKind(), "Kernel Complete Dump File");
            assertEquals(l.osVersion(), "Windows 7 Kernel Version 7601 (Service Pack 1) UP Free x64");
            assertEquals(l.osBuild(), Integer.valueOf(7601));
            assertEquals(l.buildLab(), "7601.18741.amd64fre.win7sp1_gdr.150202-1526");
            assertEquals(l.bugcheck().code(), 0x7EL);
            assertEquals(l.bugcheck().parameters(), List.of(0xffffffffc0000005L, 0xfffffa8003f9c621L,
                    0xfffff88007c6b958L, 0xfffff88007c6b1b0L));
            assertEquals(HangSignature.bucket(l).orElseThrow(), "0x7E");
        }
    }

    @Test
    public void bitmapDumpBannerWithEditionBuildLab() {
        KdLog l = first("windbg-open-dump-banner-kernel-bitmap-win10-19041.txt");
        assertEquals(l.dumpFile(), "C:\\Windows\\MEMORY.DMP");
        assertEquals(l.dumpKind(), "Kernel Bitmap Dump File");
        assertEquals(l.osBuild(), Integer.valueOf(19041));
        assertEquals(l.buildLab(), "19041.1.amd64fre.vb_release.191206-1406");
        assertNull(l.bugcheck());
    }

    @Test
    public void vertargetAlone() {
        KdLog l = first("vertarget-win10-9926-msdocs-echo-lab.txt");
        assertEquals(l.osVersion(), "Windows 10 Kernel Version 9926 MP (4 procs) Free x64");
        assertEquals(l.osBuild(), Integer.valueOf(9926));
        assertEquals(l.buildLab(), "9926.0.amd64fre.fbl_awesome1501.150119-1648");
    }

    @Test
    public void lmvmWithoutSymbolsAndAnUppercasePrompt() {
        for (Object[] v : variants("lm-v-m-tcpip-no-symbols-win10-9926-msdocs-echo-lab.txt")) {
            KdLog l = KdParser.parse((String) v[1]);
            assertEquals(l.modules().size(), 1, (String) v[0]);
            KdLog.Module m = l.module("tcpip");
            assertEquals(m.start(), "fffff801`09eeb000");
            assertEquals(m.symbols(), "no symbols");
            assertEquals(m.imagePath(), "\\SystemRoot\\System32\\drivers\\tcpip.sys");
            assertEquals(m.imageName(), "tcpip.sys");
            assertEquals(m.timestamp(), "Sun Nov 09 18:59:03 2014 (546029F7)");
            assertNull(m.fileVersion(), "no symbols: no version resource lines");
        }
    }

    @Test
    public void userDumpBannerUnderKdZ() {
        KdLog l = first("kd-z-banner-user-mini-dump-full-memory-dwm-win10-16299-x86.txt");
        assertEquals(l.debuggerVersion(), "10.0.17134.1");
        assertEquals(l.dumpFile(), "dwm.exe.1168.dmp");
        assertEquals(l.dumpKind(), "User Mini Dump File with Full Memory");
        assertEquals(l.osVersion(), "Windows 10 Version 16299 MP (4 procs) Free x86 compatible");
        assertEquals(l.buildLab(), "16299.15.x86fre.rs3_release.170928-1534");
        assertNull(l.bugcheck());
    }

    @Test
    public void processWithFlags7ReadsThreadsWaitReasonsAndFrames() {
        for (Object[] v : variants("process-7-cmd-exe-threads-win10-19045.txt")) {
            KdLog l = KdParser.parse((String) v[1]);
            assertEquals(l.processes().size(), 1, (String) v[0]);
            KdLog.Process p = l.processes().get(0);
            assertEquals(p.address(), "ffffc509bf28b080");
            assertEquals(p.pid(), Integer.valueOf(0x1164));
            assertEquals(p.image(), "cmd.exe");
            assertEquals(p.threads().size(), 4);
            KdLog.Thread t = p.threads().get(0);
            assertEquals(t.cid(), "1164.1a28");
            assertEquals(t.state(), "WAIT");
            assertEquals(t.waitReason(), "UserRequest");
            assertEquals(t.waitMode(), "UserMode");
            assertEquals(t.waitObjects(), List.of("ProcessObject"));
            assertEquals(t.image(), "cmd.exe");
            assertEquals(t.frames().size(), 8);
            assertEquals(t.frames().get(0).symbol(), "nt!KiSwapContext");
            assertEquals(t.frames().get(6).symbol(), "nt!KiSystemServiceCopyEnd");
            assertEquals(p.threads().get(1).waitReason(), "WrQueue");
            assertEquals(p.threads().get(1).waitObjects(), List.of("QueueObject"));
            assertEquals(p.threads().get(3).frames().get(3).symbol(), "nt!KeRemoveQueueEx");
            // every frame is a generic wait: an idle cmd.exe has no hang signature
            assertTrue(HangSignature.of(l, "cmd.exe", List.of("afd", "tcpip")).isEmpty());
        }
    }

    @Test
    public void threadRunningWithOwningProcess() {
        KdLog l = first("thread-running-dumpit-win10-19045.txt");
        KdLog.Thread t = l.threads().get(0);
        assertEquals(t.address(), "fffff8071ed3fa00");
        assertEquals(t.state(), "RUNNING");
        assertNull(t.waitReason());
        assertEquals(t.image(), "Idle");
        assertEquals(t.frames().size(), 6);
        assertEquals(t.frames().get(0).callSite(), "DumpIt+0x16d7");
        assertEquals(t.frames().get(0).module(), "dumpit");
        assertEquals(t.frames().get(3).symbol(), "nt!KiAbTreeArray");
    }

    @Test
    public void liveKdKernelStackWithoutPrompt() {
        KdLog l = first("thread-t-kernel-stack-kiswapcontext-win32k-sendmessage-livekd-win7-x64.txt");
        KdLog.Thread t = l.threads().get(0);
        assertEquals(t.frames().size(), 15);
        assertEquals(t.frames().get(7).symbol(), "win32k!xxxRealSleepThread");
        // the wait site is the first frame past the scheduler and the APC/suspend plumbing: a win32k sleep
        assertEquals(HangSignature.meaningful(t).get(0), "win32k!xxxRealSleepThread");
        assertEquals(HangSignature.of(l, null, List.of("win32k")).orElseThrow(),
                "hang: process in win32k!xxxRealSleepThread");
    }

    @Test
    public void kvAfterTrapNumberedFrames() {
        KdLog l = first("kv-after-trap-myfault-win10-19041.txt");
        KdLog.Thread t = l.threads().get(0);
        assertEquals(t.frames().size(), 9);
        assertEquals(t.frames().get(0).callSite(), "myfault+0x1981");
        assertEquals(t.frames().get(7).callSite(), "nt!KiSystemServiceCopyEnd+0x25");
        assertTrue(t.frames().get(8).isAddress());
    }

    @Test
    public void mexThreadViewAndMexDi() {
        KdLog l = first("mex-t-thread-kebugcheckex-tunnel-tcpip-lrucleanupdpc-win10-19041.txt");
        KdLog.Thread t = l.threads().get(0);
        assertEquals(t.frames().size(), 25);
        assertEquals(t.frames().get(3).symbol(), "tunnel!TeredoWfpRemoveHashEntry");
        assertEquals(t.frames().get(0x18).symbol(), "nt!KiStartSystemThread");
        KdLog di = first("mex-di-0xd1-myfault-win11-22621.txt");
        assertEquals(di.osBuild(), Integer.valueOf(22621));
        assertNotNull(di.buildLab());
    }

    @Test
    public void textWithoutDebuggerOutputIsRejected() {
        ParseException e = expectThrows(ParseException.class, () -> KdParser.parse("hello\r\nworld\r\n"));
        assertEquals(e.line(), 1);
        assertEquals(e.kind(), "kd");
    }
}
