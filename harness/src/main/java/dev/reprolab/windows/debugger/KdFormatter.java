package dev.reprolab.windows.debugger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Prints a dump's state the way the Windows 10 SDK debuggers (10.0.17763, which runs on 2008 R2) print it for an
 * x64 Windows 7 / 2008 R2 SP1 target: the dump-open banner, {@code vertarget}, {@code .bugcheck}, {@code !analyze -v}
 * (NotMyFault's 0xD1, a manual 0xE2, a user dump's {@code -hang}), {@code lm v m}, {@code !process 0 7},
 * {@code !stacks 2}, {@code ~*k}. Layouts follow the real captures in the test data; addresses are made up but
 * stable (derived from pids, tids and symbols). Without symbols, frames print as {@code module+0xoffset}.
 */
public final class KdFormatter {

    public static final String VERSION = "10.0.17763.1";
    private static final String NL = "\r\n";
    private static final DateTimeFormatter SESSION = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS yyyy", Locale.US);
    private static final String STAR_LINE = "*******************************************************************************";

    private final DumpState s;
    private final boolean symbols;

    public KdFormatter(DumpState state, boolean symbols) {
        this.s = state;
        this.symbols = symbols;
    }

    /** The build lab string of ntoskrnl's version ({@code 7601.24168.amd64fre.win7sp1_ldr.180612-0600}). */
    public static String buildLab(String ntVersion) {
        String rev = ntVersion.substring(ntVersion.lastIndexOf('.') + 1);
        return rev.equals("17514") ? "7601.17514.amd64fre.win7sp1_rtm.101119-1850"
                : "7601." + rev + ".amd64fre.win7sp1_" + (Integer.parseInt(rev) >= 20000 ? "ldr" : "gdr") + ".180612-0600";
    }

    /** What the debugger prints from its start to its first prompt. */
    public String banner(String dumpPath, String symbolPath, String logFile) {
        StringBuilder b = new StringBuilder();
        if (logFile != null) {
            b.append("Opened log file '").append(logFile).append("'").append(NL);
        }
        b.append(NL).append("Microsoft (R) Windows Debugger Version ").append(VERSION).append(" AMD64").append(NL)
                .append("Copyright (c) Microsoft Corporation. All rights reserved.").append(NL).append(NL).append(NL)
                .append("Loading Dump File [").append(dumpPath).append("]").append(NL);
        boolean kernel = s.kind().equals("kernel");
        b.append(kernel ? "Kernel Complete Dump File: Full address space is available"
                : "User Mini Dump File with Full Memory: Only application data is available").append(NL).append(NL);
        b.append("Symbol search path is: ").append(symbolPath == null ? "*** Invalid ***" : symbolPath).append(NL)
                .append("Executable search path is: ").append(NL);
        b.append(kernel ? "Windows 7 Kernel Version 7601 (Service Pack 1) MP (" + s.processors() + " procs) Free x64"
                : "Windows 7 Version 7601 (Service Pack 1) MP (" + s.processors() + " procs) Free x64").append(NL);
        b.append("Product: Server, suite: TerminalServer SingleUserTS").append(NL);
        b.append(kernel ? "Built by: " : "").append(buildLab(s.ntVersion())).append(NL).append("Machine Name:").append(NL);
        if (kernel) {
            b.append("Kernel base = 0xfffff800`01a0e000 PsLoadedModuleList = 0xfffff800`01c4de90").append(NL);
        }
        b.append(times(!kernel));
        if (!symbols) {
            b.append("*** ERROR: Symbol file could not be found.  Defaulted to export symbols for ")
                    .append(kernel ? "ntkrnlmp.exe" : "ntdll.dll").append(" - ").append(NL);
        }
        if (kernel) {
            b.append("Loading Kernel Symbols").append(NL).append(".".repeat(63)).append(NL).append(".".repeat(64)).append(NL)
                    .append(".".repeat(22)).append(NL).append("Loading User Symbols").append(NL).append(NL)
                    .append("Loading unloaded module list").append(NL).append("....").append(NL);
            if (s.bugcheck() != null) {
                b.append("For analysis of this file, run !analyze -v").append(NL).append(frame("nt!KeBugCheckEx")).append(":").append(NL)
                        .append("fffff800`01a84b80 48894c2408      mov     qword ptr [rsp+8],rcx").append(NL);
            }
        } else {
            b.append(".".repeat(40)).append(NL).append(frame("ntdll!ZwWaitForSingleObject+0xa")).append(":").append(NL)
                    .append("00000000`77a3135a c3              ret").append(NL);
        }
        return b.toString();
    }

    private String times(boolean process) {
        Instant at = Instant.ofEpochMilli(s.systemTime());
        StringBuilder b = new StringBuilder("Debug session time: ").append(SESSION.format(at.atZone(ZoneOffset.UTC)))
                .append(" (UTC + 0:00)").append(NL).append("System Uptime: ").append(uptime(s.systemTime() - s.bootTime())).append(NL);
        if (process) {
            b.append("Process Uptime: ").append(uptime(Math.min(s.systemTime() - s.bootTime(), 45_000))).append(NL);
        }
        return b.toString();
    }

    private static String uptime(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        return String.format("%d days %d:%02d:%02d.%03d", d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart(),
                d.toMillisPart());
    }

    /** The output of one command (without its prompt). */
    public String command(String command) {
        String c = command.strip();
        String l = c.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (l.equals("vertarget")) {
            return vertarget();
        }
        if (l.equals(".bugcheck")) {
            return s.bugcheck() == null ? "" : String.format("Bugcheck code %08X" + NL + "Arguments %s %s %s %s" + NL,
                    s.bugcheck().code(), a64(p(0)), a64(p(1)), a64(p(2)), a64(p(3)));
        }
        if (l.startsWith("!analyze")) {
            return s.kind().equals("kernel") ? analyzeKernel() : analyzeUser();
        }
        if (l.startsWith("lmvm ") || l.startsWith("lm v m ") || l.startsWith("lmv m ")) {
            return lmvm(c.substring(c.lastIndexOf(' ') + 1));
        }
        if (l.startsWith("!process 0 ")) {
            String[] a = l.split(" ");
            int flags = Integer.parseInt(a[2], 16);
            return process(a.length > 3 ? a[3] : null, flags);
        }
        if (l.startsWith("!stacks")) {
            String[] a = l.split(" ");
            return stacks(a.length > 2 ? a[2] : null);
        }
        if (l.equals("~*k") || l.equals("~* k")) {
            return userThreads();
        }
        if (l.equals("!reprolab.listeners")) {
            return listeners();
        }
        if (l.equals(".symfix") || l.startsWith(".sympath") || l.startsWith(".reload") || l.equals(".lines")) {
            return "";
        }
        if (l.startsWith("!")) {
            String ext = c.substring(1).split("[ .]")[0];
            return "No export " + ext + " found" + NL;
        }
        return "Couldn't resolve error at '" + c + "'" + NL;
    }

    private long p(int i) {
        return s.bugcheck().parameters().get(i);
    }

    private String vertarget() {
        boolean kernel = s.kind().equals("kernel");
        return (kernel ? "Windows 7 Kernel Version 7601 (Service Pack 1) MP (" + s.processors() + " procs) Free x64"
                : "Windows 7 Version 7601 (Service Pack 1) MP (" + s.processors() + " procs) Free x64") + NL
                + "Product: Server, suite: TerminalServer SingleUserTS" + NL + (kernel ? "Built by: " : "") + buildLab(s.ntVersion()) + NL
                + "Machine Name:" + NL + (kernel ? "Kernel base = 0xfffff800`01a0e000 PsLoadedModuleList = 0xfffff800`01c4de90" + NL : "")
                + times(!kernel);
    }

    private String header(String title) {
        String pad = " ".repeat(24) + title;
        return STAR_LINE + NL + "*" + " ".repeat(77) + "*" + NL + "*" + String.format("%-77s", pad) + "*" + NL
                + "*" + " ".repeat(77) + "*" + NL + STAR_LINE + NL + NL;
    }

    private String analyzeKernel() {
        if (s.bugcheck() == null) {
            return header("Bugcheck Analysis") + "Unknown bugcheck code (0)" + NL;
        }
        long code = s.bugcheck().code();
        StringBuilder b = new StringBuilder(header("Bugcheck Analysis"));
        List<String> stack;
        String symbol;
        String module;
        String image;
        String bucket;
        if (code == 0xD1) {
            b.append("DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)").append(NL)
                    .append("An attempt was made to access a pageable (or completely invalid) address at an").append(NL)
                    .append("interrupt request level (IRQL) that is too high.  This is usually").append(NL)
                    .append("caused by drivers using improper addresses.").append(NL)
                    .append("If kernel debugger is available get stack backtrace.").append(NL).append("Arguments:").append(NL)
                    .append("Arg1: ").append(a16(p(0))).append(", memory referenced").append(NL)
                    .append("Arg2: ").append(a16(p(1))).append(", IRQL").append(NL)
                    .append("Arg3: ").append(a16(p(2))).append(", value 0 = read operation, 1 = write operation").append(NL)
                    .append("Arg4: ").append(a16(p(3))).append(", address which referenced memory").append(NL);
            stack = List.of("nt!KeBugCheckEx", "nt!KiBugCheckDispatch+0x69", "nt!KiPageFault+0x260", "myfault+0x385",
                    "myfault+0x727", "myfault+0x8ad", "nt!IopXxxControlFile+0x607", "nt!NtDeviceIoControlFile+0x56",
                    "nt!KiSystemServiceCopyEnd+0x13", "0x00000000`77a3138a");
            symbol = "myfault+385";
            module = "myfault";
            image = "myfault.sys";
            bucket = "AV_myfault!unknown_function";
        } else if (code == 0xE2) {
            b.append("MANUALLY_INITIATED_CRASH (e2)").append(NL).append("The user manually initiated this crash dump.").append(NL)
                    .append("Arguments:").append(NL);
            for (int i = 0; i < 4; i++) {
                b.append("Arg").append(i + 1).append(": ").append(a16(p(i))).append(NL);
            }
            stack = List.of("nt!KeBugCheckEx", "i8042prt!I8xProcessCrashDump+0x235", "i8042prt!I8042KeyboardInterruptService+0x2ad",
                    "nt!KiInterruptDispatch+0x154", "nt!KiIdleLoop+0x2c");
            symbol = "i8042prt!I8xProcessCrashDump+235";
            module = "i8042prt";
            image = "i8042prt.sys";
            bucket = "MANUALLY_INITIATED_CRASH";
        } else {
            b.append(String.format("Unknown bugcheck code (%x)", code)).append(NL);
            return b.toString();
        }
        b.append(NL).append("Debugging Details:").append(NL).append("------------------").append(NL).append(NL).append(NL)
                .append("KEY_VALUES_STRING: 1").append(NL).append(NL).append("    Key  : Analysis.CPU.mSec").append(NL)
                .append("    Value: 1406").append(NL).append(NL).append(NL)
                .append(String.format("BUGCHECK_CODE:  %x", code)).append(NL).append(NL);
        for (int i = 0; i < 4; i++) {
            b.append("BUGCHECK_P").append(i + 1).append(": ").append(Long.toHexString(p(i))).append(NL).append(NL);
        }
        if (code == 0xD1) {
            b.append("READ_ADDRESS:  ").append(Long.toHexString(p(0))).append(" Paged pool").append(NL).append(NL);
        }
        b.append("PROCESS_NAME:  ").append(s.bugcheck().process() == null ? "System" : s.bugcheck().process()).append(NL).append(NL)
                .append("STACK_TEXT:  ").append(NL);
        long sp = 0xfffff880_0c4a1000L;
        for (String f : stack) {
            b.append(stackLine(sp, f)).append(NL);
            sp += 0x60;
        }
        b.append(NL).append(NL).append("SYMBOL_NAME:  ").append(symbol).append(NL).append(NL)
                .append("MODULE_NAME: ").append(module).append(NL).append(NL).append("IMAGE_NAME:  ").append(image).append(NL).append(NL)
                .append("STACK_COMMAND:  .thread ; .cxr ; kb").append(NL).append(NL)
                .append("FAILURE_BUCKET_ID:  ").append(bucket).append(NL).append(NL)
                .append("OS_VERSION:  ").append(s.ntVersion()).append(NL).append(NL)
                .append("BUILDLAB_STR:  win7sp1_ldr").append(NL).append(NL).append("OSPLATFORM_TYPE:  x64").append(NL).append(NL)
                .append("OSNAME:  Windows 7").append(NL).append(NL)
                .append("FAILURE_ID_HASH:  {").append(UUID.nameUUIDFromBytes(bucket.getBytes())).append("}").append(NL).append(NL)
                .append("Followup:     MachineOwner").append(NL).append("---------").append(NL).append(NL);
        return b.toString();
    }

    private String analyzeUser() {
        DumpState.Proc p = s.dumpedPid() == null ? null : s.process(s.dumpedPid());
        StringBuilder b = new StringBuilder(header("Exception Analysis"));
        b.append(NL).append("KEY_VALUES_STRING: 1").append(NL).append(NL).append(NL)
                .append("PROCESS_NAME:  ").append(p == null ? "unknown" : p.image()).append(NL).append(NL);
        DumpState.Thr t = p == null || p.threads().isEmpty() ? null : p.threads().get(0);
        if (t != null) {
            b.append("STACK_TEXT:  ").append(NL);
            long sp = 0x00000000_0021f5d8L;
            for (String f : t.userFrames()) {
                b.append(stackLine(sp, f)).append(NL);
                sp += 0x40;
            }
            b.append(NL).append(NL);
            String top = t.userFrames().stream().filter(f -> !HangSignature.generic(f.replaceAll("\\+0x[0-9a-f]+$", "")))
                    .findFirst().orElse(t.userFrames().get(0));
            String sym = top.replaceAll("\\+0x([0-9a-f]+)$", "+$1");
            String mod = top.substring(0, top.indexOf('!'));
            b.append("SYMBOL_NAME:  ").append(sym).append(NL).append(NL).append("MODULE_NAME: ").append(mod).append(NL).append(NL)
                    .append("IMAGE_NAME:  ").append(mod).append(".dll").append(NL).append(NL);
            String bucket = "APPLICATION_HANG_cfffffff_" + mod + ".dll!" + top.substring(top.indexOf('!') + 1).replaceAll("\\+0x[0-9a-f]+$", "");
            b.append("FAILURE_BUCKET_ID:  ").append(bucket).append(NL).append(NL)
                    .append("FAILURE_ID_HASH:  {").append(UUID.nameUUIDFromBytes(bucket.getBytes())).append("}").append(NL).append(NL);
        }
        b.append("Followup:     MachineOwner").append(NL).append("---------").append(NL).append(NL);
        return b.toString();
    }

    private String lmvm(String name) {
        DumpState.Module m = s.module(name);
        StringBuilder b = new StringBuilder("start             end                 module name").append(NL);
        if (m == null) {
            return b.toString();
        }
        long base = moduleBase(m.name());
        String sym = symbols ? String.format("%-22s %s", "(pdb symbols)", "c:\\sym\\" + pdb(m) + "\\" + guid(m) + "\\" + pdb(m))
                : "(export symbols)       " + m.image();
        b.append(a64(base)).append(' ').append(a64(base + 0x1fd000)).append("   ").append(String.format("%-10s ", m.name()))
                .append(sym).append(NL)
                .append("    Loaded symbol image file: ").append(m.image()).append(NL)
                .append("    Image path: ").append(m.path()).append(NL)
                .append("    Image name: ").append(m.image()).append(NL)
                .append("    Timestamp:        Sat Jun 02 03:33:15 2018 (5B11D7AB)").append(NL)
                .append("    CheckSum:         001EDD6D").append(NL)
                .append("    ImageSize:        001FD000").append(NL)
                .append("    File version:     ").append(m.fileVersion()).append(NL)
                .append("    Product version:  ").append(m.fileVersion()).append(NL)
                .append("    File flags:       0 (Mask 3F)").append(NL)
                .append("    File OS:          40004 NT Win32").append(NL)
                .append("    File type:        3.6 Driver").append(NL)
                .append("    File date:        00000000.00000000").append(NL)
                .append("    Translations:     0409.04b0").append(NL)
                .append("    CompanyName:      Microsoft Corporation").append(NL)
                .append("    ProductName:      Microsoft\u00ae Windows\u00ae Operating System").append(NL)
                .append("    InternalName:     ").append(m.image()).append(NL)
                .append("    OriginalFilename: ").append(m.image()).append(NL)
                .append("    ProductVersion:   ").append(m.fileVersion()).append(NL)
                .append("    FileVersion:      ").append(m.fileVersion()).append(NL)
                .append("    FileDescription:  ").append(m.description()).append(NL)
                .append("    LegalCopyright:   \u00a9 Microsoft Corporation. All rights reserved.").append(NL);
        return b.toString();
    }

    private static String pdb(DumpState.Module m) {
        String img = m.image();
        return img.substring(0, img.lastIndexOf('.')) + ".pdb";
    }

    private String guid(DumpState.Module m) {
        return UUID.nameUUIDFromBytes((m.name() + m.fileVersion()).getBytes()).toString().replace("-", "").toUpperCase(Locale.ROOT) + "2";
    }

    private String process(String image, int flags) {
        StringBuilder b = new StringBuilder();
        if (image == null) {
            b.append("**** NT ACTIVE PROCESS DUMP ****").append(NL);
        }
        for (DumpState.Proc p : s.processes()) {
            if (image != null && !p.image().equalsIgnoreCase(image)) {
                continue;
            }
            b.append("PROCESS ").append(h16(procAddr(p.pid()))).append(NL)
                    .append(String.format("    SessionId: %s  Cid: %04x    Peb: 7fffffd%x000  ParentCid: %04x", p.pid() == 4 ? "none" : String.valueOf(p.sessionId()),
                            p.pid(), 3 + (p.pid() % 7), p.parentPid())).append(NL)
                    .append(String.format("    DirBase: %08x  ObjectTable: fffff8a0%08x  HandleCount: %d.", 0x2d7c4000 + p.pid() * 0x1000,
                            0x01f2e1a0 + p.pid() * 0x100, 80 + p.pid() % 90)).append(NL)
                    .append("    Image: ").append(p.image()).append(NL);
            if ((flags & 0x7) == 0) {
                b.append(NL);
                continue;
            }
            b.append("    VadRoot fffffa80").append(String.format("%08x", 0x04a6c6c0 + p.pid())).append(" Vads 94 Clone 0 Private 1052. Modified 3. Locked 0.").append(NL)
                    .append("    DeviceMap fffff8a000008aa0").append(NL)
                    .append("    Token                             fffff8a0").append(String.format("%08x", 0x01f41060 + p.pid())).append(NL)
                    .append("    ElapsedTime                       ").append(clock(s.systemTime() - s.bootTime())).append(NL)
                    .append("    UserTime                          00:00:00.031").append(NL)
                    .append("    KernelTime                        00:00:00.062").append(NL)
                    .append("    BasePriority                      8").append(NL)
                    .append("    CommitCharge                      1207").append(NL).append(NL);
            for (DumpState.Thr t : p.threads()) {
                b.append(thread(p, t, true)).append(NL);
            }
        }
        return b.toString();
    }

    private String thread(DumpState.Proc p, DumpState.Thr t, boolean withUser) {
        StringBuilder b = new StringBuilder();
        String state = t.state().equals("WAIT") ? "WAIT: (" + t.waitReason() + ") " + t.waitMode() + " "
                + (t.waitReason().equals("WrQueue") ? "Alertable" : "Non-Alertable") : t.state();
        b.append("        THREAD ").append(h16(threadAddr(t.tid()))).append(String.format("  Cid %04x.%04x  Teb: 000007fffffd%x000 Win32Thread: 0000000000000000 ",
                p.pid(), t.tid(), 0xe - (t.tid() % 8))).append(state).append(NL);
        if (t.waitObject() != null) {
            b.append("            ").append(h16(threadAddr(t.tid()) + 0x2a0)).append("  ").append(t.waitObject()).append(NL);
        }
        b.append("        Not impersonating").append(NL)
                .append("        DeviceMap                 fffff8a000008aa0").append(NL)
                .append("        Owning Process            ").append(h16(procAddr(p.pid()))).append("       Image:         ").append(p.image()).append(NL)
                .append("        Attached Process          N/A            Image:         N/A").append(NL)
                .append("        Wait Start TickCount      47873          Ticks: 3 (0:00:00:00.046)").append(NL)
                .append("        Context Switch Count      26             IdealProcessor: 0             ").append(NL)
                .append("        UserTime                  00:00:00.000").append(NL)
                .append("        KernelTime                00:00:00.000").append(NL)
                .append("        Win32 Start Address ").append(symbols ? frame(p.image().replace(".exe", "") + "!main") : "0x000000013f8a1234").append(" (0x000000013f8a1234)").append(NL)
                .append("        Stack Init ").append(h16(kernelSp(t.tid()) + 0x2000)).append(" Current ").append(h16(kernelSp(t.tid()) - 0x40)).append(NL)
                .append("        Base ").append(h16(kernelSp(t.tid()) + 0x3000)).append(" Limit ").append(h16(kernelSp(t.tid()) - 0x3000)).append(" Call 0").append(NL)
                .append("        Priority 9 BasePriority 8 UnusualBoost 0 ForegroundBoost 0 IoPriority 2 PagePriority 5").append(NL)
                .append("        Child-SP          RetAddr           : Args to Child                                                           : Call Site").append(NL);
        long sp = kernelSp(t.tid());
        for (String f : t.kernelFrames()) {
            b.append("        ").append(stackLine(sp, f)).append(NL);
            sp += 0x90;
        }
        if (withUser) {
            long usp = 0x00000000_0021f000L + (t.tid() % 64) * 0x10000L;
            for (String f : t.userFrames()) {
                b.append("        ").append(stackLine(usp, f)).append(NL);
                usp += 0x40;
            }
        }
        return b.toString();
    }

    private String stacks(String filter) {
        StringBuilder b = new StringBuilder("Proc.Thread  .Thread  Ticks   ThreadState Blocker").append(NL);
        int processed = 0;
        for (DumpState.Proc p : s.processes()) {
            List<DumpState.Thr> hits = new ArrayList<>();
            for (DumpState.Thr t : p.threads()) {
                processed++;
                if (filter == null || t.kernelFrames().stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).contains(filter))) {
                    hits.add(t);
                }
            }
            if (hits.isEmpty()) {
                continue;
            }
            b.append("                            [").append(h16(procAddr(p.pid()))).append(' ').append(p.image()).append("]").append(NL);
            for (DumpState.Thr t : hits) {
                List<String> k = t.kernelFrames();
                b.append(String.format(" %3x.%06x  %s ffffd6f2 Blocked    %s", p.pid(), t.tid(), h16(threadAddr(t.tid())), frame(k.get(0)))).append(NL);
                for (int i = 1; i < k.size(); i++) {
                    b.append(" ".repeat(40)).append(frame(k.get(i))).append(NL);
                }
                b.append(NL);
            }
        }
        b.append(NL).append("Threads Processed: ").append(processed).append(NL);
        return b.toString();
    }

    private String userThreads() {
        DumpState.Proc p = s.dumpedPid() == null ? null : s.process(s.dumpedPid());
        if (p == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (DumpState.Thr t : p.threads()) {
            b.append(String.format("%s%3d  Id: %x.%x Suspend: 0 Teb: 000007ff`fffd%x000 Unfrozen", n == 0 ? "." : " ", n, p.pid(), t.tid(),
                    0xe - (t.tid() % 8))).append(NL)
                    .append("Child-SP          RetAddr           Call Site").append(NL);
            long usp = 0x00000000_0021f000L + (t.tid() % 64) * 0x10000L;
            for (String f : t.userFrames()) {
                b.append(a64(usp)).append(' ').append(a64(retAddr(f))).append(' ').append(frame(f)).append(NL);
                usp += 0x40;
            }
            b.append(NL);
            n++;
        }
        return b.toString();
    }

    private String listeners() {
        StringBuilder b = new StringBuilder("Address          LocalAddress:Port      Pid   ReferenceCount (owner, leaked)").append(NL);
        for (DumpState.Listener l : s.listeners()) {
            b.append(String.format("%s %-22s %5d  0x%x (%d, 0x%x)", h16(0xfffffa80_05a00000L + l.port() * 0x100L),
                    l.address() + ":" + l.port(), l.pid(), l.references(), l.ownerReferences(), l.leaked())).append(NL);
        }
        return b.toString();
    }

    private String stackLine(long sp, String f) {
        return a64(sp) + " " + a64(retAddr(f)) + " : " + args(sp) + " : " + frame(f);
    }

    private static String args(long sp) {
        return a64(0xfffffa80_04a5f060L) + " " + a64(sp + 0x100) + " " + a64(0) + " " + a64(1);
    }

    /** A frame as printed: with symbols as given, without them {@code module+0xoffset} past the module base. */
    private String frame(String f) {
        if (symbols || !f.contains("!")) {
            return f;
        }
        String mod = f.substring(0, f.indexOf('!'));
        long off = Math.floorMod(f.hashCode(), 0x1f0000) + 0x1000;
        return mod + "+0x" + Long.toHexString(off);
    }

    private static long retAddr(String f) {
        String mod = f.contains("!") ? f.substring(0, f.indexOf('!')) : f;
        return moduleBase(mod) + Math.floorMod(f.hashCode(), 0x1f0000);
    }

    private static long moduleBase(String mod) {
        return switch (mod.toLowerCase(Locale.ROOT)) {
            case "nt" -> 0xfffff800_01a0e000L;
            case "hal" -> 0xfffff800_01e58000L;
            case "tcpip" -> 0xfffff880_01645000L;
            case "afd" -> 0xfffff880_02a4c000L;
            case "netio" -> 0xfffff880_015e9000L;
            case "myfault" -> 0xfffff880_04e2b000L;
            case "wfpguard" -> 0xfffff880_03b10000L;
            case "i8042prt" -> 0xfffff880_02e81000L;
            case "ntdll" -> 0x00000000_77a20000L;
            case "kernel32" -> 0x00000000_77900000L;
            case "kernelbase" -> 0x000007fe_fd8c0000L;
            default -> 0x000007fe_f0000000L + (Math.floorMod(mod.hashCode(), 0x400) << 20);
        };
    }

    private static long procAddr(int pid) {
        return 0xfffffa80_03c00000L + pid * 0x1000L;
    }

    private static long threadAddr(int tid) {
        return 0xfffffa80_04a00000L + tid * 0x400L;
    }

    private static long kernelSp(int tid) {
        return 0xfffff880_02f00000L + (tid % 256) * 0x8000L + 0x3940;
    }

    private static String clock(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        return String.format("%02d:%02d:%02d.%03d", d.toHours(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart());
    }

    static String a64(long v) {
        String h = String.format("%016x", v);
        return h.substring(0, 8) + "`" + h.substring(8);
    }

    private static String a16(long v) {
        return String.format("%016x", v);
    }

    private static String h16(long v) {
        return String.format("%016x", v);
    }
}
