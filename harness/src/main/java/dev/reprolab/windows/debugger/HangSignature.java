package dev.reprolab.windows.debugger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hang signature of a hung process, read from its threads' stacks in a debugger log: a short string that is the
 * same for every hang with the same cause and different for another cause, so runs and bisects can count by it.
 *
 * <p>Like syzkaller's hang titles and Socorro's skip lists: offsets and addresses are dropped, and frames every
 * waiting thread has (the scheduler, the wait functions, the system-call gate, ntdll's stubs, critical-section and
 * rundown waits) are skipped. What is left of a thread, innermost first, starts at the <em>wait site</em>: the
 * function that is waiting. The signature names the wait site, the first frame outside its module (the code that
 * called into it) and the caller that got there:
 * {@code hang: httpd.exe in afd!AfdCloseTransportEndpoint <- nt!IopCloseFile, waiting on tcpip!TcpTlListenerCloseEndpoint}.
 *
 * <p>Which thread: the first whose wait site is in a module of interest; else the first waiting inside a driver
 * (kernel, not nt/hal); else none — a process whose threads all idle in generic waits has no hang signature. The
 * bugcheck bucket of the dump (NotMyFault's {@code AV_myfault!…}, a manual 0xE2) says how the dump was taken, not why
 * the process hung, and is kept apart ({@link #bucket}).
 */
public final class HangSignature {

    private static final List<Pattern> GENERIC = List.of(
            "nt!Ki(SwapContext|SwapThread|CommitThreadWait|SuspendThread|DeliverApc|CheckForKernelApcDelivery"
                    + "|SystemServiceCopyEnd|SystemServiceExit|SystemCall64|ExceptionDispatch)",
            "nt!Ke(WaitFor\\w+|DelayExecutionThread|RemoveQueue\\w*)", "nt!Ob\\w*WaitFor\\w+",
            "nt!Nt(WaitFor\\w+|DelayExecution|RemoveIoCompletion\\w*|WaitForWorkViaWorkerFactory)", "nt!IoRemoveIoCompletion",
            "nt!Exf?WaitForRundownProtectionRelease\\w*", "nt!Exf?Acquire(PushLock|Resource)\\w*", "nt!ExpWaitFor\\w+",
            "nt!KeAcquire(Guarded|Fast)?Mutex\\w*", "nt!ExAcquireFastMutex\\w*",
            "ntdll!(Zw|Nt)\\w+", "ntdll!Rtlp?(WaitOnCriticalSection|EnterCriticalSection|pWaitOnAddress\\w*|WaitOnAddress)",
            "ntdll!RtlpWaitOnCriticalSection", "ntdll!TppWaiterpThread", "ntdll!TppWorkerThread", "ntdll!RtlUserThreadStart",
            "(kernelbase|kernel32)!(WaitFor\\w+|SleepEx?|Sleep)", "kernel32!BaseThreadInitThunk")
            .stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();

    private HangSignature() {
    }

    /** Whether a symbol (offset dropped) is a frame every waiting thread has. */
    public static boolean generic(String symbol) {
        return GENERIC.stream().anyMatch(p -> p.matcher(symbol).matches());
    }

    /** The frames that tell threads apart: no raw addresses, no generic frames, offsets dropped. */
    public static List<String> meaningful(KdLog.Thread t) {
        List<String> out = new ArrayList<>();
        for (StackFrame f : t.frames()) {
            String s = f.symbol();
            if (s != null && !generic(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The signature of {@code image}'s hang (null image: every thread of the log), with {@code modules} the
     * modules of interest (e.g. afd, tcpip), or empty when no thread waits anywhere but in generic waits.
     */
    public static Optional<String> of(KdLog log, String image, List<String> modules) {
        List<String> interest = modules.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
        String best = null;
        int bestScore = 0;
        String name = image;
        for (KdLog.Thread t : log.threads()) {
            if (image != null && t.image() != null && !t.image().equalsIgnoreCase(image)) {
                continue;
            }
            List<StackFrame> frames = t.frames().stream().filter(f -> f.symbol() != null && !generic(f.symbol())).toList();
            if (frames.isEmpty()) {
                continue;
            }
            StackFrame w = frames.get(0);
            int score = interest.contains(w.module()) ? 3
                    : w.kernel() && !w.module().equals("nt") && !w.module().equals("hal") ? 2 : 0;
            if (score > bestScore) {
                bestScore = score;
                best = describe(frames);
                if (name == null) {
                    name = t.image();
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of("hang: " + (name == null ? "process" : name) + " in " + best);
    }

    private static String describe(List<StackFrame> frames) {
        StackFrame w = frames.get(0);
        StackFrame a = null;
        StackFrame b = null;
        for (StackFrame f : frames) {
            if (a == null) {
                if (!f.module().equals(w.module())) {
                    a = f;
                }
            } else if (!f.module().equals(a.module())) {
                b = f;
                break;
            }
        }
        if (a == null) {
            return w.symbol();
        }
        return a.symbol() + (b == null ? "" : " <- " + b.symbol()) + ", waiting on " + w.symbol();
    }

    /** How the dump was taken: FAILURE_BUCKET_ID, else the bugcheck code ({@code 0xE2}), else empty. */
    public static Optional<String> bucket(KdLog log) {
        if (log.field("FAILURE_BUCKET_ID") != null) {
            return Optional.of(log.field("FAILURE_BUCKET_ID"));
        }
        if (log.bugcheck() != null) {
            return Optional.of(String.format("0x%X", log.bugcheck().code()));
        }
        return Optional.empty();
    }
}
