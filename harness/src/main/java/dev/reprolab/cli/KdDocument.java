package dev.reprolab.cli;

import dev.reprolab.windows.debugger.HangSignature;
import dev.reprolab.windows.debugger.KdLog;
import dev.reprolab.windows.debugger.StackFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON document of {@code lab parse kd}: the fields a triage needs, then processes, threads and frames. */
final class KdDocument {

    /** Fields of {@code !analyze -v} that name a failure; printed even when absent (null). */
    static final List<String> ANALYSIS = List.of("FAILURE_BUCKET_ID", "BUCKET_ID", "DEFAULT_BUCKET_ID", "PROCESS_NAME",
            "IMAGE_NAME", "MODULE_NAME", "SYMBOL_NAME", "FAILURE_ID_HASH");

    private KdDocument() {
    }

    static Map<String, Object> of(KdLog log) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("debuggerVersion", log.debuggerVersion());
        m.put("dumpFile", log.dumpFile());
        m.put("dumpKind", log.dumpKind());
        m.put("osVersion", log.osVersion());
        m.put("osBuild", log.osBuild());
        m.put("buildLab", log.buildLab());
        if (log.bugcheck() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("code", String.format("0x%X", log.bugcheck().code()));
            b.put("name", log.bugcheck().name());
            b.put("parameters", log.bugcheck().parameters().stream().map(p -> String.format("0x%016x", p)).toList());
            m.put("bugcheck", b);
        } else {
            m.put("bugcheck", null);
        }
        for (String f : ANALYSIS) {
            m.put(f, log.field(f));
        }
        m.put("bucket", HangSignature.bucket(log).orElse(null));
        List<Map<String, Object>> mods = new ArrayList<>();
        for (KdLog.Module x : log.modules()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", x.name());
            d.put("start", x.start());
            d.put("end", x.end());
            d.put("symbols", x.symbols());
            d.put("imagePath", x.imagePath());
            d.put("imageName", x.imageName());
            d.put("timestamp", x.timestamp());
            d.put("fileVersion", x.fileVersion());
            d.put("productVersion", x.productVersion());
            mods.add(d);
        }
        m.put("modules", mods);
        List<Map<String, Object>> procs = new ArrayList<>();
        for (KdLog.Process p : log.processes()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("address", p.address());
            d.put("pid", p.pid());
            d.put("image", p.image());
            d.put("threads", p.threads().size());
            procs.add(d);
        }
        m.put("processes", procs);
        List<Map<String, Object>> threads = new ArrayList<>();
        for (KdLog.Thread t : log.threads()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("address", t.address());
            d.put("cid", t.cid());
            d.put("image", t.image());
            d.put("state", t.state());
            d.put("waitReason", t.waitReason());
            d.put("waitMode", t.waitMode());
            d.put("waitObjects", t.waitObjects());
            List<Map<String, Object>> frames = new ArrayList<>();
            for (StackFrame f : t.frames()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("childSp", f.childSp());
                x.put("retAddr", f.retAddr());
                x.put("callSite", f.callSite());
                x.put("kernel", f.kernel());
                frames.add(x);
            }
            d.put("frames", frames);
            threads.add(d);
        }
        m.put("threads", threads);
        m.put("hangSignature", HangSignature.of(log, null, List.of()).orElse(null));
        return m;
    }
}
