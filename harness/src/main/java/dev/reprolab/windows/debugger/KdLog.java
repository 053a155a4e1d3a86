package dev.reprolab.windows.debugger;

import java.util.List;
import java.util.Map;

/**
 * What a debugger log says, as far as the parser knows the commands that printed it. Absent parts are null or
 * empty: a log of {@code lmvm tcpip} alone has modules and nothing else.
 *
 * @param debuggerVersion {@code 10.0.17134.1} from the banner
 * @param dumpFile the file of {@code Loading Dump File [..]}
 * @param dumpKind {@code Kernel Complete Dump File}, {@code User Mini Dump File with Full Memory}...
 * @param osVersion the vertarget/banner OS line ({@code Windows 7 Kernel Version 7601 (Service Pack 1) MP (2 procs) Free x64})
 * @param osBuild the build number of that line, or of OS_VERSION
 * @param buildLab {@code 7601.24168.amd64fre.win7sp1_ldr.180602-0600}
 * @param bugcheck code and parameters, from {@code BugCheck D1, {..}}, the analysis header's Arg1-4 or BUGCHECK_CODE/P1-P4
 * @param fields the analysis's {@code NAME: value} fields (FAILURE_BUCKET_ID, BUCKET_ID, PROCESS_NAME...)
 * @param modules from {@code lm v m} / {@code lmvm}
 * @param processes from {@code !process}, with their threads
 * @param threads every thread seen, in order (those of processes, of {@code !thread}, {@code ~*k}, STACK_TEXT)
 */
public record KdLog(String debuggerVersion, String dumpFile, String dumpKind, String osVersion, Integer osBuild,
                    String buildLab, Bugcheck bugcheck, Map<String, String> fields, List<Module> modules,
                    List<Process> processes, List<Thread> threads) {

    /** A bugcheck code and its four parameters. */
    public record Bugcheck(long code, List<Long> parameters, String name) {
    }

    /** One module of {@code lm v}. */
    public record Module(String name, String start, String end, String symbols, String imagePath, String imageName,
                         String timestamp, String fileVersion, String productVersion) {
    }

    /** One process of {@code !process}: address, Cid (hex pid), image and threads. */
    public record Process(String address, String cid, String image, List<Thread> threads) {

        /** The process id as a number. */
        public Integer pid() {
            return cid == null ? null : Integer.parseInt(cid, 16);
        }
    }

    /**
     * One thread: address (kernel) or debugger thread number (user), {@code Cid} as {@code pid.tid}, the state
     * ({@code WAIT}, {@code RUNNING}, {@code READY}...), the wait reason and mode, the wait objects, the owning image
     * when printed, and the frames innermost first.
     */
    public record Thread(String address, String cid, String state, String waitReason, String waitMode,
                         List<String> waitObjects, String image, List<StackFrame> frames) {
    }

    /** One analysis field, e.g. {@code field("FAILURE_BUCKET_ID")}. */
    public String field(String name) {
        return fields.get(name);
    }

    /** The module of {@code lm} with this name (case-insensitive), or null. */
    public Module module(String name) {
        return modules.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
