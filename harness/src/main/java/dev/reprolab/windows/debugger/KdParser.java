package dev.reprolab.windows.debugger;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a debugger log: the dump-open banner, {@code vertarget}, {@code .bugcheck}, {@code !analyze -v} (the
 * WinDbg 6.x field list and the 10.x KEY_VALUES layout), {@code lm v m} / {@code lmvm}, {@code !process} with
 * flags 7, {@code !thread}, {@code k}/{@code kv}, cdb's {@code ~*k} and MEX's thread view. Prompts ({@code 0: kd>},
 * {@code kd>}, {@code 0:002>}) start a new command; lines it does not know are skipped, so a log of any mix of
 * commands reads. Text with nothing a debugger prints is rejected (one line, the caller reports it).
 */
public final class KdParser {

    static final String KIND = "kd";
    private static final String HEX64 = "[0-9a-fA-F]{8}`?[0-9a-fA-F]{8}|[0-9a-fA-F]{8}";
    private static final Pattern PROMPT = Pattern.compile("^\\s*(?:(?:\\d+: )?[Kk]d>|\\d+:\\d+(?::x86)?>)\\s?(.*)$");
    private static final Pattern VERSION = Pattern.compile("^Microsoft \\(R\\) Windows Debugger Version (\\S+)");
    private static final Pattern LOADING = Pattern.compile("^Loading Dump File \\[(.*)]\\s*$");
    private static final Pattern DUMP_KIND = Pattern.compile("^([A-Z][A-Za-z ]*Dump File(?: with [A-Za-z ]+)?):");
    private static final Pattern OS = Pattern.compile("^(Windows [^:]*?Version (\\d+)\\b.*?)\\s*$");
    private static final Pattern BUILD_LAB = Pattern.compile(
            "^(?:Built by: |Edition build lab: )?(\\d{4,5}\\.\\d+\\.\\w+\\.\\w+\\.\\d{6}-\\d{4})\\s*$");
    private static final Pattern FIELD = Pattern.compile("^([A-Z][A-Z0-9_]{2,}):\\s*(.*?)\\s*$");
    private static final Pattern BUGCHECK_HEADER = Pattern.compile("^([A-Z][A-Z0-9_]+) \\(([0-9a-fA-F]+)\\)\\s*$");
    private static final Pattern ARG = Pattern.compile("^Arg([1-4]): (" + HEX64 + ")");
    private static final Pattern BUGCHECK_LINE = Pattern.compile("^BugCheck ([0-9A-Fa-f]+), \\{([^}]*)}");
    private static final Pattern LM_HEADER = Pattern.compile("^start\\s+end\\s+module name\\s*$");
    private static final Pattern LM_MODULE = Pattern.compile(
            "^(" + HEX64 + ")\\s+(" + HEX64 + ")\\s+(\\S+)\\s*(\\([^)]*\\)|\\S+)?\\s*(.*?)\\s*$");
    private static final Pattern LM_KEY = Pattern.compile("^\\s+(Image path|Image name|Timestamp|File version|Product version):\\s*(.*?)\\s*$");
    private static final Pattern PROCESS = Pattern.compile("^\\s*PROCESS ([0-9a-fA-F]{8,16})\\s*$");
    private static final Pattern CID = Pattern.compile("\\bCid: ([0-9a-fA-F]+)\\b");
    private static final Pattern IMAGE = Pattern.compile("^\\s*Image: (\\S.*?)\\s*$");
    private static final Pattern THREAD = Pattern.compile(
            "^\\s*THREAD ([0-9a-fA-F]{8,16})\\s+Cid ([0-9a-fA-F]+\\.[0-9a-fA-F]+)\\s+Teb: \\S+\\s+Win32Thread: \\S+\\s*(.*?)\\s*$");
    private static final Pattern WAIT = Pattern.compile("^WAIT: \\((\\w+)\\) (\\w+)");
    private static final Pattern WAIT_OBJECT = Pattern.compile("^\\s+([0-9a-fA-F]{8,16})\\s+([A-Za-z]+Object|\\w+Event|\\w+Timer|Mutant|Semaphore|\\w+)\\s*$");
    private static final Pattern OWNING = Pattern.compile("^\\s*Owning Process\\s+\\S+\\s+Image:\\s+(\\S+)");
    private static final Pattern CDB_THREAD = Pattern.compile("^\\s*[.#]?\\s*(\\d+)\\s+Id: ([0-9a-fA-F]+)\\.([0-9a-fA-F]+) Suspend: \\d+ Teb: \\S+ \\w+");
    private static final Pattern FRAME_HEADER = Pattern.compile("^\\s*(?:#\\s+)?Child-SP\\s+(?:RetAddr|Return)\\b.*Call Site\\s*$");
    private static final Pattern FRAME = Pattern.compile("^\\s*(?:[0-9a-fA-F]{1,4}\\s+)?(" + HEX64 + ")\\s+(" + HEX64 + ")\\s+"
            + "(?::\\s*(?:(?:" + HEX64 + ")\\s+){1,4}:\\s*)?([^\\s:][^\\s]*)(?:\\s+\\(.*\\))?\\s*$");

    private KdParser() {
    }

    /** Mutable thread while its lines are read. */
    private static final class T {
        String address;
        String cid;
        String state;
        String waitReason;
        String waitMode;
        final List<String> waitObjects = new ArrayList<>();
        String image;
        final List<StackFrame> frames = new ArrayList<>();
        boolean headerDone;

        KdLog.Thread build() {
            return new KdLog.Thread(address, cid, state, waitReason, waitMode, List.copyOf(waitObjects), image,
                    List.copyOf(frames));
        }
    }

    private static final class P {
        String address;
        String cid;
        String image;
        final List<T> threads = new ArrayList<>();
    }

    public static KdLog parse(String text) {
        String version = null;
        String dumpFile = null;
        String dumpKind = null;
        String os = null;
        Integer build = null;
        String buildLab = null;
        Map<String, String> fields = new LinkedHashMap<>();
        Long headerCode = null;
        String headerName = null;
        Long[] args = new Long[4];
        Long lineCode = null;
        List<Long> lineParams = null;
        List<KdLog.Module> modules = new ArrayList<>();
        List<P> processes = new ArrayList<>();
        List<T> threads = new ArrayList<>();
        boolean inLm = false;
        String[] lmCurrent = null;
        P proc = null;
        T thread = null;
        int known = 0;
        for (String raw : Lines.split(text)) {
            String line = raw.replace("\t", "    ");
            Matcher m = PROMPT.matcher(line);
            if (m.matches()) {
                known++;
                lmCurrent = flushModule(lmCurrent, modules);
                inLm = false;
                proc = null;
                thread = null;
                line = m.group(1);
                if (line.isBlank()) {
                    continue;
                }
            }
            if (inLm) {
                Matcher mod = LM_MODULE.matcher(line);
                Matcher key = LM_KEY.matcher(line);
                if (key.matches() && lmCurrent != null) {
                    int i = switch (key.group(1)) {
                        case "Image path" -> 4;
                        case "Image name" -> 5;
                        case "Timestamp" -> 6;
                        case "File version" -> 7;
                        default -> 8;
                    };
                    lmCurrent[i] = key.group(2);
                    continue;
                }
                if (mod.matches() && !line.startsWith(" ")) {
                    lmCurrent = flushModule(lmCurrent, modules);
                    lmCurrent = new String[]{mod.group(3), mod.group(1), mod.group(2),
                        mod.group(4) == null ? "" : mod.group(4).replaceAll("^\\(|\\)$", ""), null, null, null, null, null};
                    known++;
                    continue;
                }
                if (line.startsWith(" ") || line.isBlank()) {
                    continue;
                }
                lmCurrent = flushModule(lmCurrent, modules);
                inLm = false;
            }
            if (LM_HEADER.matcher(line).matches()) {
                inLm = true;
                known++;
                continue;
            }
            if ((m = VERSION.matcher(line)).find()) {
                version = m.group(1);
                known++;
                continue;
            }
            if ((m = LOADING.matcher(line)).matches()) {
                dumpFile = m.group(1);
                known++;
                continue;
            }
            if ((m = DUMP_KIND.matcher(line)).find()) {
                dumpKind = m.group(1);
                known++;
                continue;
            }
            if ((m = OS.matcher(line)).matches()) {
                os = m.group(1);
                build = Integer.valueOf(m.group(2));
                known++;
                continue;
            }
            if ((m = BUILD_LAB.matcher(line)).matches()) {
                buildLab = m.group(1);
                known++;
                continue;
            }
            if ((m = BUGCHECK_LINE.matcher(line)).find()) {
                lineCode = Long.parseLong(m.group(1), 16);
                lineParams = new ArrayList<>();
                for (String p : m.group(2).split(",")) {
                    lineParams.add(hex(p.strip()));
                }
                known++;
                continue;
            }
            if ((m = BUGCHECK_HEADER.matcher(line)).matches()) {
                headerName = m.group(1);
                headerCode = Long.parseLong(m.group(2), 16);
                known++;
                continue;
            }
            if ((m = ARG.matcher(line)).find()) {
                args[Integer.parseInt(m.group(1)) - 1] = hex(m.group(2));
                continue;
            }
            if ((m = PROCESS.matcher(line)).matches()) {
                proc = new P();
                proc.address = m.group(1);
                processes.add(proc);
                thread = null;
                known++;
                continue;
            }
            if (proc != null && thread == null) {
                Matcher cid = CID.matcher(line);
                if (cid.find() && proc.cid == null) {
                    proc.cid = cid.group(1);
                }
                Matcher img = IMAGE.matcher(line);
                if (img.matches() && proc.image == null) {
                    proc.image = img.group(1);
                }
            }
            if ((m = THREAD.matcher(line)).matches()) {
                thread = new T();
                thread.address = m.group(1);
                thread.cid = m.group(2);
                String rest = m.group(3);
                Matcher w = WAIT.matcher(rest);
                if (w.find()) {
                    thread.state = "WAIT";
                    thread.waitReason = w.group(1);
                    thread.waitMode = w.group(2);
                } else {
                    thread.state = rest.isEmpty() ? null : rest.split(" ")[0];
                }
                if (proc != null) {
                    thread.image = proc.image;
                    proc.threads.add(thread);
                }
                threads.add(thread);
                known++;
                continue;
            }
            if ((m = CDB_THREAD.matcher(line)).find()) {
                thread = new T();
                thread.address = m.group(1);
                thread.cid = m.group(2) + "." + m.group(3);
                threads.add(thread);
                known++;
                continue;
            }
            if (thread != null && !thread.headerDone && thread.frames.isEmpty()) {
                Matcher o = WAIT_OBJECT.matcher(line);
                if (o.matches() && thread.waitReason != null) {
                    thread.waitObjects.add(o.group(2));
                    continue;
                }
                Matcher own = OWNING.matcher(line);
                if (own.find()) {
                    thread.image = own.group(1);
                    continue;
                }
            }
            if (FRAME_HEADER.matcher(line).matches()) {
                if (thread == null || !thread.frames.isEmpty()) {
                    thread = new T();
                    threads.add(thread);
                }
                thread.headerDone = true;
                known++;
                continue;
            }
            Matcher f = FRAME.matcher(line);
            if (f.matches()) {
                if (thread == null) {
                    thread = new T();
                    threads.add(thread);
                }
                thread.frames.add(new StackFrame(f.group(1), f.group(2), f.group(3), isKernel(f.group(1))));
                known++;
                continue;
            }
            if (line.isBlank()) {
                if (thread != null && !thread.frames.isEmpty()) {
                    thread = null;
                }
                continue;
            }
            if ((m = FIELD.matcher(line)).matches()) {
                known++;
                if (m.group(1).equals("STACK_TEXT")) {
                    thread = new T();
                    thread.headerDone = true;
                    threads.add(thread);
                    continue;
                }
                if (!m.group(2).isEmpty()) {
                    fields.putIfAbsent(m.group(1), m.group(2));
                }
            }
        }
        flushModule(lmCurrent, modules);
        if (known == 0) {
            throw new ParseException(KIND, Lines.split(text).isEmpty() ? 0 : 1,
                    "no debugger output (banner, prompt, analysis field, module list or stack) found");
        }
        KdLog.Bugcheck bugcheck = bugcheck(fields, headerCode, headerName, args, lineCode, lineParams);
        if (build == null && fields.containsKey("OS_VERSION")) {
            String[] v = fields.get("OS_VERSION").split("\\.");
            if (v.length >= 3 && v[2].matches("\\d+")) {
                build = Integer.valueOf(v[2]);
            }
        }
        if (buildLab == null && fields.containsKey("BUILD_VERSION_STRING")) {
            buildLab = fields.get("BUILD_VERSION_STRING");
        }
        threads.removeIf(t -> t.frames.isEmpty() && t.cid == null);
        List<KdLog.Process> procs = processes.stream().map(p -> new KdLog.Process(p.address, p.cid, p.image,
                p.threads.stream().map(T::build).toList())).toList();
        return new KdLog(version, dumpFile, dumpKind, os, build, buildLab, bugcheck, Map.copyOf(fields),
                List.copyOf(modules), procs, threads.stream().map(T::build).toList());
    }

    private static KdLog.Bugcheck bugcheck(Map<String, String> fields, Long headerCode, String headerName, Long[] args,
                                           Long lineCode, List<Long> lineParams) {
        if (fields.containsKey("BUGCHECK_CODE")) {
            List<Long> p = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String v = fields.get("BUGCHECK_P" + i);
                p.add(v == null ? (args[i - 1] == null ? 0L : args[i - 1]) : hex(v));
            }
            return new KdLog.Bugcheck(hex(fields.get("BUGCHECK_CODE")), List.copyOf(p), headerName);
        }
        if (headerCode != null) {
            List<Long> p = new ArrayList<>();
            for (Long a : args) {
                p.add(a == null ? 0L : a);
            }
            return new KdLog.Bugcheck(headerCode, List.copyOf(p), headerName);
        }
        if (lineCode != null) {
            return new KdLog.Bugcheck(lineCode, List.copyOf(lineParams), null);
        }
        return null;
    }

    private static String[] flushModule(String[] m, List<KdLog.Module> modules) {
        if (m != null) {
            modules.add(new KdLog.Module(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]));
        }
        return null;
    }

    static long hex(String s) {
        String h = s.replace("`", "").strip();
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        return Long.parseUnsignedLong(h, 16);
    }

    /** Kernel addresses: the top half of the address space (64-bit: ffff8..., 32-bit: 8... and above). */
    static boolean isKernel(String sp) {
        String h = sp.replace("`", "");
        long v = Long.parseUnsignedLong(h, 16);
        return h.length() > 8 ? v < 0 : v >= 0x80000000L;
    }
}
