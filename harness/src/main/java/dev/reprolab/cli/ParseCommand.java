package dev.reprolab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.windows.fltmc.FilterRow;
import dev.reprolab.windows.fltmc.FltmcParser;
import dev.reprolab.windows.hotfix.HotFix;
import dev.reprolab.windows.hotfix.QfeParser;
import dev.reprolab.windows.netsh.NetshParser;
import dev.reprolab.windows.netstat.NetstatParser;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.procdump.DumpWrite;
import dev.reprolab.windows.procdump.ProcdumpParser;
import dev.reprolab.windows.procdump.ProcdumpRun;
import dev.reprolab.windows.sc.ScEntry;
import dev.reprolab.windows.sc.ScFailure;
import dev.reprolab.windows.sc.ScParser;
import dev.reprolab.windows.sc.ServiceStatus;
import dev.reprolab.windows.systeminfo.SystemInfo;
import dev.reprolab.windows.systeminfo.SystemInfoParser;
import dev.reprolab.windows.tasklist.TaskRow;
import dev.reprolab.windows.tasklist.TaskkillParser;
import dev.reprolab.windows.tasklist.TaskkillResult;
import dev.reprolab.windows.tasklist.TasklistParser;
import dev.reprolab.windows.text.ConsoleText;
import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lab parse KIND FILE [--json]}: reads a Windows capture (e.g. from a customer's machine) with the same
 * parsers the harness uses. Unrecognised input: exit 2 and one line {@code FILE:LINE: expected KIND output: ...}.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse captured Windows output: netstat, sc, tasklist, qfe, systeminfo, procdump, netsh-tcp, fltmc, kd (a kd/cdb/WinDbg log).")
public final class ParseCommand implements Callable<Integer> {

    public static final List<String> KINDS =
            List.of("netstat", "sc", "tasklist", "qfe", "systeminfo", "procdump", "netsh-tcp", "fltmc", "kd");

    @Parameters(index = "0", paramLabel = "KIND", description = "One of: ${COMPLETION-CANDIDATES}",
            completionCandidates = Kinds.class)
    String kind;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Kinds extends ArrayList<String> {
        Kinds() {
            super(KINDS);
        }
    }

    @Override
    public Integer call() {
        if (!KINDS.contains(kind)) {
            throw new UsageException("unknown kind '" + kind + "', expected one of " + String.join(", ", KINDS));
        }
        String text;
        try {
            text = ConsoleText.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
        Object doc;
        try {
            doc = toDocument(kind, text);
        } catch (ParseException e) {
            throw new UsageException(file + ":" + e.line() + ": expected " + e.kind() + " output: " + e.what());
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            ObjectMapper mapper = new ObjectMapper();
            out.println(json ? mapper.writeValueAsString(doc)
                    : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The JSON document (maps and lists) for a kind; its field names are what scripts read, keep them stable. */
    public static Object toDocument(String kind, String text) {
        return switch (kind) {
            case "netstat" -> NetstatParser.parse(text).stream().map(ParseCommand::netstat).toList();
            case "sc" -> ScParser.parse(text).stream().map(ParseCommand::sc).toList();
            case "tasklist" -> tasklist(text);
            case "qfe" -> qfe(QfeParser.parse(text));
            case "systeminfo" -> systeminfo(SystemInfoParser.parse(text));
            case "procdump" -> procdump(ProcdumpParser.parse(text));
            case "netsh-tcp" -> NetshParser.parseTcpGlobal(text).settings();
            case "fltmc" -> fltmc(FltmcParser.parse(text));
            case "kd" -> KdDocument.of(dev.reprolab.windows.debugger.KdParser.parse(text));
            default -> throw new UsageException("unknown kind " + kind);
        };
    }

    static Map<String, Object> netstat(NetstatRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proto", r.proto());
        m.put("localAddress", r.localAddress());
        m.put("localPort", r.localPort());
        m.put("foreignAddress", r.foreignAddress());
        m.put("foreignPort", r.foreignPort());
        m.put("state", r.state());
        m.put("pid", r.pid());
        if (r.owner() != null) {
            m.put("owner", r.owner());
        }
        return m;
    }

    static Map<String, Object> sc(ScEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof ServiceStatus s) {
            m.put("serviceName", s.serviceName());
            m.put("type", ServiceStatus.typeName(s.type()));
            m.put("state", s.state());
            m.put("stateCode", s.stateCode());
            m.put("pid", s.pid());
            m.put("win32ExitCode", s.win32ExitCode());
            m.put("serviceExitCode", s.serviceExitCode());
            m.put("checkpoint", s.checkpoint());
            m.put("waitHint", s.waitHint());
            m.put("controls", s.controls());
        } else if (e instanceof ScFailure f) {
            m.put("error", f.error());
            m.put("operation", f.operation());
            m.put("message", f.message());
        }
        return m;
    }

    /** Process rows and taskkill results, in the order they appear. */
    static List<Map<String, Object>> tasklist(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<TaskkillResult> kills = TaskkillParser.parse(text);
        int nextKill = 0;
        boolean anyRow = false;
        boolean noTasks = false;
        for (String raw : Lines.split(text)) {
            String line = Lines.stripTrailing(raw);
            TaskRow r = TasklistParser.row(line);
            if (r != null) {
                anyRow = true;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("imageName", r.imageName());
                m.put("pid", r.pid());
                m.put("sessionName", r.sessionName());
                m.put("sessionNumber", r.sessionNumber());
                m.put("memUsageKb", r.memUsageKb());
                out.add(m);
            } else if (nextKill < kills.size() && (line.trim().startsWith("SUCCESS: ")
                    || line.trim().startsWith("ERROR: "))) {
                TaskkillResult k = kills.get(nextKill++);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("result", k.result());
                m.put("pid", k.pid());
                m.put("reason", k.reason());
                if (k.image() != null) {
                    m.put("imageName", k.image());
                }
                if (k.parentPid() != null) {
                    m.put("parentPid", k.parentPid());
                }
                out.add(m);
            } else if (line.startsWith("INFO: No tasks")) {
                noTasks = true;
            }
        }
        if (!anyRow && kills.isEmpty() && !noTasks) {
            TasklistParser.parse(text); // throws with the location
        }
        return out;
    }

    static List<Map<String, Object>> qfe(List<HotFix> hotfixes) {
        List<String> iso = QfeParser.isoDates(hotfixes);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < hotfixes.size(); i++) {
            HotFix h = hotfixes.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hotFixId", h.hotFixId());
            m.put("description", h.description());
            m.put("caption", h.caption());
            m.put("installedBy", h.installedBy());
            m.put("installedOn", h.installedOn());
            m.put("installedOnIso", iso.get(i));
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> systeminfo(SystemInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostName", s.hostName());
        m.put("osName", s.osName());
        m.put("osVersion", s.osVersion());
        m.put("build", s.build());
        m.put("systemBootTime", s.systemBootTime());
        m.put("hotfixes", s.hotfixes());
        m.put("hotfixCount", s.declaredHotfixCount());
        m.put("hotfixesListed", s.hotfixes().size());
        m.put("hotfixListComplete", s.hotfixListComplete());
        m.put("fields", s.fields());
        return m;
    }

    static Map<String, Object> procdump(ProcdumpRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", run.version());
        m.put("pid", run.pid());
        List<Map<String, Object>> dumps = new ArrayList<>();
        for (DumpWrite d : run.dumps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", d.number());
            x.put("path", d.path());
            x.put("estimatedMb", d.estimatedMb());
            x.put("writtenMb", d.writtenMb());
            x.put("seconds", d.seconds());
            x.put("completed", d.completed());
            x.put("availableBytes", d.availableBytes());
            x.put("info", d.info());
            x.put("error", d.error());
            dumps.add(x);
        }
        m.put("dumps", dumps);
        m.put("countReached", run.countReached());
        m.put("exceptions", run.exceptions());
        return m;
    }

    static Map<String, Object> fltmc(FltmcParser.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> filters = new ArrayList<>();
        for (FilterRow f : r.filters()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", f.name());
            x.put("instances", f.instances());
            x.put("altitude", f.altitude());
            x.put("frame", f.frame());
            x.put("legacy", f.legacy());
            filters.add(x);
        }
        m.put("filters", filters);
        if (r.error() != null) {
            m.put("error", r.error());
            m.put("message", r.message());
        }
        return m;
    }
}
