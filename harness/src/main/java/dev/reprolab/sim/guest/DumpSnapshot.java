package dev.reprolab.sim.guest;

import dev.reprolab.windows.debugger.DumpState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dump taken now holds: the modelled machine state at this instant, as {@link DumpState}. Call with the
 * guest locked and before anything tears the state down (a crash writes the dump before the OS goes down).
 *
 * <p>The threads are the model's, not captures: every process waits in the scheduler's generic frames; httpd's
 * worker threads wait on their completion port; a process stuck by the case's leak has its closing thread in
 * afd's cleanup path, called from the handle close, waiting in tcpip's listener close for references that never
 * come back; one stuck by the injected driver waits in that driver's WFP flow-delete notification instead.
 */
final class DumpSnapshot {

    static final String SP1 = "6.1.7601.17514";
    private static final List<String> WAIT = List.of("nt!KiSwapContext+0x7a", "nt!KiCommitThreadWait+0x1d2",
            "nt!KeWaitForSingleObject+0x19f");
    private static final List<String> CLOSE_PATH = List.of("afd!AfdCloseTransportEndpoint+0x5b", "afd!AfdCleanupCore+0x14f",
            "afd!AfdDispatch+0x61", "nt!IopCloseFile+0x11f", "nt!ObpDecrementHandleCount+0xb4",
            "nt!ObpCloseHandleTableEntry+0xb1", "nt!ObpCloseHandle+0x94", "nt!KiSystemServiceCopyEnd+0x13");
    private static final List<String> CLOSE_USER = List.of("ntdll!ZwClose+0xa", "KERNELBASE!CloseHandle+0x13",
            "mswsock!SockCloseSocket+0x1b5", "mswsock!WSPCloseSocket+0x4e", "ws2_32!closesocket+0x8e",
            "libapr-1!apr_socket_close+0x1d", "libapr-1!apr_pool_cleanup_run+0x22", "libhttpd!ap_close_listeners+0x2c",
            "libhttpd!child_main+0x5a1", "libhttpd!ap_mpm_run+0x40", "httpd!main+0x7d8", "kernel32!BaseThreadInitThunk+0xd",
            "ntdll!RtlUserThreadStart+0x1d");

    private DumpSnapshot() {
    }

    /** A kernel dump's state (MEMORY.DMP, LiveKd); {@code bugcheck} null for a live dump. */
    static DumpState kernel(SimGuest g, DumpState.Bugcheck bugcheck) {
        return state(g, "kernel", bugcheck, null);
    }

    /** A user dump of one process (ProcDump). */
    static DumpState user(SimGuest g, int pid) {
        return state(g, "user", null, pid);
    }

    private static DumpState state(SimGuest g, String kind, DumpState.Bugcheck bugcheck, Integer pid) {
        GuestState s = g.state();
        List<DumpState.Proc> procs = new ArrayList<>();
        for (GuestState.Proc p : s.processes) {
            procs.add(new DumpState.Proc(p.pid, p.parentPid, p.image, p.sessionNumber, threads(p, s)));
        }
        List<DumpState.Listener> listeners = new ArrayList<>();
        for (TcpStack.Listener l : s.tcp.listeners()) {
            // while the owner's close waits, its endpoint still holds the owner's reference
            int owner = 1;
            int refs = l.references + (l.closedByOwner ? 1 : 0);
            listeners.add(new DumpState.Listener(l.address, l.port, l.pid, refs, owner, l.leaked));
        }
        String tcpip = g.fileVersion("C:\\Windows\\System32\\drivers\\tcpip.sys").orElse(SP1);
        String afd = g.fileVersion("C:\\Windows\\System32\\drivers\\afd.sys").orElse(SP1);
        String nt = g.fileVersion("C:\\Windows\\System32\\ntoskrnl.exe").orElse(tcpip);
        List<DumpState.Module> modules = new ArrayList<>(List.of(
                new DumpState.Module("nt", "ntkrnlmp.exe", "\\SystemRoot\\system32\\ntoskrnl.exe", nt, "NT Kernel & System"),
                new DumpState.Module("hal", "hal.dll", "\\SystemRoot\\system32\\hal.dll", SP1, "Hardware Abstraction Layer DLL"),
                new DumpState.Module("NETIO", "NETIO.SYS", "\\SystemRoot\\system32\\drivers\\NETIO.SYS", SP1, "Network I/O Subsystem"),
                new DumpState.Module("tcpip", "tcpip.sys", "\\SystemRoot\\System32\\drivers\\tcpip.sys", tcpip, "TCP/IP Driver"),
                new DumpState.Module("afd", "afd.sys", "\\SystemRoot\\system32\\drivers\\afd.sys", afd,
                        "Ancillary Function Driver for WinSock")));
        if (g.injectedHang().loaded(g.installedKbs())) {
            modules.add(new DumpState.Module("wfpguard", "wfpguard.sys", "\\SystemRoot\\system32\\drivers\\wfpguard.sys",
                    "2.4.1.0", "WFP Guard callout driver"));
        }
        if (bugcheck != null && bugcheck.code() == 0xD1) {
            modules.add(new DumpState.Module("myfault", "myfault.sys", "\\??\\C:\\Windows\\system32\\drivers\\myfault.sys",
                    "4.0.0.0", "Crash Test Driver"));
        }
        return new DumpState(kind, g.computerName(), 7601, nt, 2, g.clock().millis(), s.bootTime.toEpochMilli(), bugcheck,
                pid, procs, modules, listeners);
    }

    private static List<DumpState.Thr> threads(GuestState.Proc p, GuestState s) {
        List<DumpState.Thr> out = new ArrayList<>();
        int tid = p.pid + 4;
        if (p.image.equalsIgnoreCase("httpd.exe")) {
            boolean child = s.processes.stream().anyMatch(q -> q.pid == p.parentPid && q.image.equalsIgnoreCase("httpd.exe"));
            if (child) {
                out.add(p.stuck ? closing(tid, p.stuckIn) : userWait(tid, "UserRequest", "NotificationEvent",
                        List.of("libhttpd!child_main+0x3d2", "libhttpd!ap_mpm_run+0x40", "httpd!main+0x7d8")));
                for (int i = 1; i <= 3; i++) {
                    out.add(worker(tid + 4 * i));
                }
            } else {
                out.add(userWait(tid, "UserRequest", "ProcessObject",
                        List.of("libhttpd!master_main+0x6c4", "libhttpd!ap_mpm_run+0x40", "httpd!main+0x7d8")));
                out.add(userWait(tid + 4, "UserRequest", "SynchronizationEvent",
                        List.of("libhttpd!service_nt_ctrl+0x9f", "advapi32!ScDispatcherLoop+0x1d0")));
            }
            return out;
        }
        if (p.pid == 4) {
            for (int i = 0; i < 2; i++) {
                out.add(new DumpState.Thr(8 + 4 * i, "WAIT", "WrQueue", "KernelMode", "QueueObject",
                        List.of("nt!KiSwapContext+0x7a", "nt!KiCommitThreadWait+0x1d2", "nt!KeRemoveQueueEx+0x323",
                                "nt!ExpWorkerThread+0xe1", "nt!PspSystemThreadStartup+0x5a", "nt!KiStartSystemThread+0x16"),
                        List.of()));
            }
            return out;
        }
        if (p.pid == 0) {
            return out;
        }
        out.add(userWait(tid, "UserRequest", "SynchronizationEvent", List.of()));
        return out;
    }

    private static DumpState.Thr closing(int tid, String driver) {
        List<String> k = new ArrayList<>(WAIT);
        if (InjectedHang.WFPGUARD.equals(driver)) {
            k.add("wfpguard!GuardFlowDeleteNotify+0x4c");
            k.add("NETIO!WfpNotifyFlowContextDelete+0x20b");
            k.add("NETIO!KfdAleNotifyFlowDeletion+0x1c7");
        }
        k.add("tcpip!TcpTlListenerCloseEndpoint+0x6a");
        k.addAll(CLOSE_PATH);
        return new DumpState.Thr(tid, "WAIT", "Executive", "KernelMode", "NotificationEvent", List.copyOf(k), CLOSE_USER);
    }

    private static DumpState.Thr userWait(int tid, String reason, String object, List<String> callers) {
        List<String> u = new ArrayList<>(List.of("ntdll!ZwWaitForSingleObject+0xa", "KERNELBASE!WaitForSingleObjectEx+0x79"));
        u.addAll(callers);
        u.add("kernel32!BaseThreadInitThunk+0xd");
        u.add("ntdll!RtlUserThreadStart+0x1d");
        return new DumpState.Thr(tid, "WAIT", reason, "UserMode", object, List.of("nt!KiSwapContext+0x7a",
                "nt!KiCommitThreadWait+0x1d2", "nt!KeWaitForSingleObject+0x19f", "nt!NtWaitForSingleObject+0x149",
                "nt!KiSystemServiceCopyEnd+0x13"), List.copyOf(u));
    }

    private static DumpState.Thr worker(int tid) {
        return new DumpState.Thr(tid, "WAIT", "WrQueue", "UserMode", "QueueObject", List.of("nt!KiSwapContext+0x7a",
                "nt!KiCommitThreadWait+0x1d2", "nt!KeRemoveQueueEx+0x323", "nt!IoRemoveIoCompletion+0x47",
                "nt!NtRemoveIoCompletion+0x145", "nt!KiSystemServiceCopyEnd+0x13"),
                List.of("ntdll!ZwRemoveIoCompletion+0xa", "KERNELBASE!GetQueuedCompletionStatus+0x39",
                        "kernel32!GetQueuedCompletionStatusStub+0x11", "libhttpd!winnt_get_connection+0x8a",
                        "libhttpd!worker_main+0x6b", "kernel32!BaseThreadInitThunk+0xd", "ntdll!RtlUserThreadStart+0x1d"));
    }
}
