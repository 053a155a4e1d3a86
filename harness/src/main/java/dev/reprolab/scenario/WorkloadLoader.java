package dev.reprolab.scenario;

import dev.reprolab.workload.Installer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.input.LocatedYaml;
import dev.reprolab.lab.config.Durations;
import dev.reprolab.workload.Hook;
import dev.reprolab.workload.ReproducedWhen;
import dev.reprolab.workload.Step;
import dev.reprolab.workload.Steps;
import dev.reprolab.workload.Workload;
import dev.reprolab.workload.WorkloadPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The meaning of a scenario's {@code workload:}, its section ({@code apache:}, {@code iis:}, {@code service:}),
 * {@code steps:} and {@code reproducedWhen:}, after the schema has checked their shape. Every error points at the
 * node it is about ({@code file:line:col}).
 */
final class WorkloadLoader {

    private static final List<String> KINDS = List.of("apache", "iis", "service");

    private WorkloadLoader() {
    }

    static WorkloadPlan load(LocatedYaml y, Path dir, Duration commandDeadline) {
        JsonNode r = y.root();
        String kind = r.path("workload").asText("apache");
        for (String other : KINDS) {
            if (!other.equals(kind) && r.has(other)) {
                throw y.keyError("/" + other, "'" + other + ":' describes workload " + other + ", but this scenario's workload is "
                        + kind + (r.has("workload") ? "" : " (the default; set workload: " + other + ")"));
            }
        }
        Workload w = switch (kind) {
            case "iis" -> iis(y, r.path("iis"));
            case "service" -> service(y, dir, commandDeadline);
            default -> apache(y, dir);
        };
        Steps steps = steps(y, commandDeadline);
        ReproducedWhen rule = r.has("reproducedWhen") ? rule(y, steps) : ReproducedWhen.DEFAULT;
        if (rule.mentions(ReproducedWhen.Condition.PORT_STUCK) && w instanceof Workload.Service s && s.ports().isEmpty()) {
            throw y.error("/reproducedWhen", "port-stuck needs a port in service.ports");
        }
        return new WorkloadPlan(w, steps, rule);
    }

    private static Workload apache(LocatedYaml y, Path dir) {
        if (!y.root().has("apache")) {
            throw y.error("", "workload apache needs an 'apache:' section with the zip to install (or set workload: iis or service)");
        }
        Path zip = dir.resolve(y.root().at("/apache/zip").asText());
        if (!Files.isRegularFile(zip)) {
            throw y.error("/apache/zip", Files.isDirectory(zip) ? zip + " is a directory, not a file" : "file " + zip + " not found");
        }
        try {
            dev.reprolab.trial.ApacheDistribution.check(zip); // zip slip and a missing httpd.exe, before anything starts
        } catch (dev.reprolab.input.BadInputException e) {
            throw y.error("/apache/zip", e.getMessage());
        }
        JsonNode a = y.root().path("apache");
        return new Workload.Apache(zip, a.path("installRoot").asText("C:\\"), a.path("service").asText("Apache2.4"),
                a.path("port").asInt(80));
    }

    private static Workload iis(LocatedYaml y, JsonNode n) {
        Installer installer = ScenarioLoader.installer(y, "/iis/installer", n.path("installer").asText("servermanager"),
                Installer.SERVER_MANAGER, Installer.DISM);
        return new Workload.Iis(installer, n.path("port").asInt(80), n.path("stop").asText("sc"));
    }

    private static Workload service(LocatedYaml y, Path dir, Duration commandDeadline) {
        JsonNode n = y.root().path("service");
        if (n.isMissingNode()) {
            throw y.keyError("/workload", "workload service needs a 'service:' section (name, ports, install steps...)");
        }
        List<Workload.Upload> files = new ArrayList<>();
        for (int i = 0; i < n.path("files").size(); i++) {
            String at = "/service/files/" + i;
            Path from = dir.resolve(n.path("files").get(i).path("from").asText());
            if (!Files.isRegularFile(from)) {
                throw y.error(at + "/from", "file " + from + " not found");
            }
            files.add(new Workload.Upload(from, n.path("files").get(i).path("to").asText()));
        }
        List<Step> install = stepList(y, "/service/install", "install", commandDeadline);
        List<String> images = new ArrayList<>();
        n.path("images").forEach(i -> images.add(i.asText()));
        List<Integer> ports = new ArrayList<>();
        n.path("ports").forEach(p -> ports.add(p.asInt()));
        String name = n.path("name").asText();
        Workload.Load load = "http".equals(n.path("load").path("kind").asText("tcp"))
                ? Workload.Load.http(n.path("load").path("path").asText("/")) : Workload.Load.tcp();
        if (n.path("load").has("path") && load.kind() == Workload.Load.Kind.TCP) {
            throw y.keyError("/service/load/path", "a path is for kind: http; TCP churn only connects and closes");
        }
        return new Workload.Service(name, files, install, images, ports, n.path("start").asText("sc start " + name),
                n.path("stop").asText("sc stop " + name), load);
    }

    private static Steps steps(LocatedYaml y, Duration commandDeadline) {
        Map<Hook, List<Step>> m = new EnumMap<>(Hook.class);
        for (Hook h : Hook.values()) {
            m.put(h, stepList(y, "/steps/" + h.key(), h.key(), commandDeadline));
        }
        return new Steps(m);
    }

    private static List<Step> stepList(LocatedYaml y, String pointer, String hook, Duration commandDeadline) {
        JsonNode list = y.root().at(pointer);
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/" + i;
            JsonNode s = list.get(i);
            boolean ps = s.has("powershell");
            boolean cmd = s.has("cmd");
            if (ps == cmd) {
                throw y.error(at, ps ? "a step is either powershell: or cmd:, not both" : "a step needs its script: powershell: or cmd:");
            }
            int[] l = y.location(at);
            Duration deadline = s.has("deadline") ? Durations.parse(y.file(), s.path("deadline").asText()) : commandDeadline;
            out.add(new Step(hook, i + 1, s.path("name").asText(hook + "#" + (i + 1)), ps ? Step.Shell.POWERSHELL : Step.Shell.CMD,
                    s.path(ps ? "powershell" : "cmd").asText(), deadline, y.file() + ":" + l[0] + ":" + l[1]));
        }
        return List.copyOf(out);
    }

    private static ReproducedWhen rule(LocatedYaml y, Steps steps) {
        List<ReproducedWhen.Rule> rules = new ArrayList<>();
        JsonNode list = y.root().path("reproducedWhen");
        for (int i = 0; i < list.size(); i++) {
            String at = "/reproducedWhen/" + i;
            JsonNode item = list.get(i);
            if (item.isObject() && item.has("all")) {
                if (item.size() != 1 || !item.get("all").isArray() || item.get("all").isEmpty()) {
                    throw y.error(at, "'all:' takes a non-empty list of conditions and nothing beside it");
                }
                List<ReproducedWhen.Term> terms = new ArrayList<>();
                for (int j = 0; j < item.get("all").size(); j++) {
                    terms.add(term(y, at + "/all/" + j, steps, false));
                }
                rules.add(new ReproducedWhen.Rule(terms));
            } else {
                rules.add(new ReproducedWhen.Rule(List.of(term(y, at, steps, true))));
            }
        }
        return new ReproducedWhen(rules);
    }

    private static ReproducedWhen.Term term(LocatedYaml y, String at, Steps steps, boolean allAllowed) {
        JsonNode item = y.root().at(at);
        String known = Arrays.stream(ReproducedWhen.Condition.values()).filter(c -> c != ReproducedWhen.Condition.STEP_FAILS)
                .map(ReproducedWhen.Condition::key).collect(Collectors.joining(", ")) + ", step-fails: HOOK"
                + (allAllowed ? ", all: [...]" : "");
        if (item.isTextual()) {
            Optional<ReproducedWhen.Condition> c = ReproducedWhen.Condition.of(item.asText());
            if (c.isEmpty()) {
                throw y.error(at, "unknown condition '" + item.asText() + "' (known: " + known + ")");
            }
            if (c.get() == ReproducedWhen.Condition.STEP_FAILS) {
                throw y.error(at, "step-fails names its hook: write 'step-fails: observe' (or another hook with steps)");
            }
            return ReproducedWhen.Term.of(c.get());
        }
        if (item.isObject() && item.size() == 1 && item.has("step-fails")) {
            String hookName = item.get("step-fails").asText();
            Hook hook = Hook.of(hookName).orElseThrow(() -> y.error(at + "/step-fails", "no hook '" + hookName + "' (hooks: "
                    + Arrays.stream(Hook.values()).map(Hook::key).collect(Collectors.joining(", ")) + ")"));
            if (steps.at(hook).isEmpty()) {
                throw y.error(at + "/step-fails", "step-fails: " + hook.key() + " but steps." + hook.key() + " has no steps");
            }
            return new ReproducedWhen.Term(ReproducedWhen.Condition.STEP_FAILS, Optional.of(hook));
        }
        if (item.isObject() && item.has("all")) {
            throw y.error(at, "'all:' lists cannot nest");
        }
        throw y.error(at, "expected a condition (" + known + ")");
    }
}
