package dev.reprolab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.input.LocatedYaml;
import dev.reprolab.lab.config.Durations;
import dev.reprolab.triage.TriageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The scenario's {@code triage:} section (the schema has checked its shape), defaults where it is silent. */
final class TriageLoader {

    private TriageLoader() {
    }

    static TriageSpec load(LocatedYaml y, Path file) {
        JsonNode t = y.root().path("triage");
        TriageSpec d = TriageSpec.defaults();
        if (t.isMissingNode()) {
            return d;
        }
        List<String> dirs = strings(t.path("debuggers"), d.debuggerDirs());
        List<String> modules = strings(t.path("modules"), d.modules());
        String kernel = t.path("kernelCommands").asText(d.kernelCommands());
        for (String key : List.of("kernelCommands", "userCommands", "liveCommands")) {
            String cmds = t.path(key).asText("");
            // the harness appends ";q" itself; a q in the middle would end the session before the rest ran
            for (String c : cmds.split(";")) {
                if (c.strip().matches("(?i)q[qd]?")) {
                    throw y.error("/triage/" + key, "'" + c.strip() + "' quits the debugger; leave it out, the harness ends every"
                            + " command list with ;q");
                }
            }
        }
        return new TriageSpec(t.path("enabled").asBoolean(true), dirs, t.path("liveKd").asText(d.liveKd()),
                t.path("symbolPath").asText(d.symbolPath()), kernel, t.path("userCommands").asText(d.userCommands()),
                t.path("liveCommands").asText(d.liveCommands()), modules,
                t.has("expectSignature") ? Optional.of(t.path("expectSignature").asText()) : Optional.empty(),
                t.has("deadline") ? Durations.parse(file, t.path("deadline").asText()) : d.deadline(),
                new TriageSpec.SignatureBook(Optional.empty()));
    }

    private static List<String> strings(JsonNode n, List<String> dflt) {
        if (n.isMissingNode()) {
            return dflt;
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }
}
