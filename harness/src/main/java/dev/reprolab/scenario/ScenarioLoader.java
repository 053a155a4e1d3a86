package dev.reprolab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.cli.UsageException;
import dev.reprolab.lab.config.Durations;
import dev.reprolab.workload.WorkloadPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks a scenario: YAML → the JSON Schema shipped in {@code scenarios/scenario.schema.json} (also on the
 * classpath) → meaning (files exist, every KB is in the catalog, the catalog's levels exist, a .msu for every KB).
 * Any problem is one {@link UsageException} {@code file:line:col: what was expected}; nothing is started.
 */
public final class ScenarioLoader {

    private static final JsonSchema SCHEMA = loadSchema();

    private ScenarioLoader() {
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenario.schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario load(Path file) {
        LocatedYaml y = LocatedYaml.read(file);
        JsonNode r = y.root();
        if (r.has("password") || r.path("lab").has("password")) {
            throw y.keyError(r.has("password") ? "/password" : "/lab/password",
                    "secrets never go in a scenario: put credentials in the lab config as passwordEnv or passwordFile");
        }
        Set<ValidationMessage> errors = SCHEMA.validate(r);
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.stream().min(Comparator.comparing((ValidationMessage m) -> {
                int[] l = y.location(pointer(m));
                return l[0] * 10000 + l[1];
            })).orElseThrow();
            String pointer = pointer(first);
            if ("additionalProperties".equals(first.getType()) && first.getProperty() != null) {
                String key = pointer + "/" + first.getProperty();
                throw y.keyError(key, "unknown key '" + first.getProperty() + "'" + suggestion(first.getProperty(), r.at(pointer)));
            }
            throw y.error(pointer, first.getMessage().replaceFirst("^\\$[^:]*: ", ""));
        }
        Path dir = file.toAbsolutePath().getParent();
        JsonNode lab = r.path("lab");
        Optional<Path> labConfig = lab.has("config") ? Optional.of(dir.resolve(lab.get("config").asText())) : Optional.empty();
        if (labConfig.isPresent() && !Files.isRegularFile(labConfig.get())) {
            throw y.error("/lab/config", "lab config " + labConfig.get() + " not found");
        }
        Scenario.Lab l = new Scenario.Lab(lab.path("backend").asText("sim"), labConfig, lab.path("guests").asInt(2),
                lab.path("baseCheckpoint").asText("clean"), lab.path("fileChannel").asText("winrm"));
        Path catalogFile = existing(y, dir, "/updates/catalog");
        Catalog catalog = Catalog.load(catalogFile);
        Path packages = dir.resolve(r.path("updates").path("packages").asText());
        if (!Files.isDirectory(packages)) {
            throw y.error("/updates/packages", "update packages directory " + packages + " not found");
        }
        Scenario.Updates updates = new Scenario.Updates(catalogFile, packages, r.path("updates").path("installer").asText("dism"));
        List<Scenario.PatchSet> sets = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("patchSets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "/patchSets/" + e.getKey();
            List<String> kbs = new ArrayList<>();
            for (int i = 0; i < e.getValue().path("kbs").size(); i++) {
                String kb = e.getValue().path("kbs").get(i).asText().toUpperCase(Locale.ROOT);
                Catalog.Update u = catalog.update(kb).orElseThrow(() -> y.error(at + "/kbs/" + kbs.size(),
                        kb + " is not in the catalog " + catalogFile.getFileName() + " (known: " + catalog.updates().stream()
                                .map(Catalog.Update::id).toList() + ")"));
                if (!Files.isRegularFile(packages.resolve(u.msuName()))) {
                    throw y.error(at + "/kbs/" + kbs.size(), "no package " + u.msuName() + " in " + packages);
                }
                kbs.add(kb);
            }
            kbs.sort(Comparator.comparing(k -> catalog.update(k).orElseThrow().released()));
            Map<String, String> cells = new LinkedHashMap<>();
            e.getValue().path("expectCells").fields().forEachRemaining(c -> cells.put(c.getKey(), c.getValue().asText()));
            sets.add(new Scenario.PatchSet(e.getKey(), List.copyOf(kbs),
                    Optional.ofNullable(e.getValue().get("expect")).map(JsonNode::asText), cells));
        }
        List<Duration> netstat = new ArrayList<>();
        JsonNode ns = r.path("factors").path("netstat");
        if (ns.isMissingNode()) {
            netstat.add(Duration.ofSeconds(1));
        }
        for (JsonNode n : ns) {
            netstat.add(n.asText().equals("off") ? Duration.ZERO : Durations.parse(file, n.asText()));
        }
        List<Scenario.Load> loads = new ArrayList<>();
        JsonNode ld = r.path("factors").path("load");
        if (ld.isMissingNode()) {
            loads.add(new Scenario.Load("default", 4, 0));
        }
        for (JsonNode n : ld) {
            loads.add(new Scenario.Load(n.path("name").asText(), n.path("clients").asInt(), n.path("rate").asDouble(0)));
        }
        JsonNode d = r.path("deadlines");
        Scenario.Deadlines deadlines = new Scenario.Deadlines(duration(file, d, "warmup", "3s"), duration(file, d, "stop", "30s"),
                duration(file, d, "boot", "5m"), duration(file, d, "command", "2m"));
        Scenario.Dumps dumps = new Scenario.Dumps(!"never".equals(r.path("dumps").path("procdump").asText("on-hang")),
                "first-hang-per-patch-set".equals(r.path("dumps").path("kernel").asText("never")));
        Optional<Scenario.Bisect> bisect = Optional.empty();
        if (r.has("bisect")) {
            String levels = r.path("bisect").path("levels").asText();
            if (!catalog.levels().containsKey(levels)) {
                throw y.error("/bisect/levels", "the catalog has no level list '" + levels + "' (has " + catalog.levels().keySet() + ")");
            }
            bisect = Optional.of(new Scenario.Bisect(levels, r.path("bisect").path("confidence").asDouble(0.95),
                    r.path("bisect").path("budget").asInt(200)));
        }
        for (Scenario.PatchSet p : sets) {
            for (String cell : p.expectCells().keySet()) {
                boolean known = netstat.stream().anyMatch(n -> loads.stream().anyMatch(lo -> new Scenario.Cell(p,
                        n.isZero() ? Optional.empty() : Optional.of(n), lo).id().equals(cell)));
                if (!known) {
                    throw y.keyError("/patchSets/" + p.name() + "/expectCells/" + cell, "no cell '" + cell + "' in this scenario");
                }
            }
        }
        WorkloadPlan plan = WorkloadLoader.load(y, dir, deadlines.command());
        return new Scenario(file, r.path("name").asText(), r.path("description").asText(""), l, plan.workload(), updates,
                List.copyOf(sets), List.copyOf(netstat), List.copyOf(loads), r.path("trials").asInt(),
                r.path("minRate").asDouble(0.3), deadlines, dumps, bisect, plan.steps(), plan.reproducedWhen());
    }

    private static Duration duration(Path file, JsonNode d, String key, String dflt) {
        return Durations.parse(file, d.path(key).asText(dflt));
    }

    private static Path existing(LocatedYaml y, Path dir, String pointer) {
        Path p = dir.resolve(y.root().at(pointer).asText());
        if (!Files.isRegularFile(p)) {
            throw y.error(pointer, "file " + p + " not found");
        }
        return p;
    }

    /** A JSON Pointer from the validator's instance location. */
    static String pointer(ValidationMessage m) {
        var path = m.getInstanceLocation();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    private static String suggestion(String key, JsonNode parent) {
        String best = null;
        int bestD = 3;
        Iterator<String> names = SCHEMA_KEYS.iterator();
        while (names.hasNext()) {
            String n = names.next();
            int dd = distance(key.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            if (dd < bestD) {
                bestD = dd;
                best = n;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static final List<String> SCHEMA_KEYS = List.of("name", "description", "target", "lab", "backend", "config",
            "guests", "baseCheckpoint", "fileChannel", "apache", "zip", "installRoot", "service", "port", "updates", "catalog",
            "packages", "installer", "patchSets", "kbs", "expect", "expectCells", "factors", "netstat", "load", "clients",
            "rate", "trials", "minRate", "deadlines", "warmup", "stop", "boot", "command", "dumps", "procdump", "kernel",
            "bisect", "levels", "confidence", "budget", "workload", "iis", "files", "from", "to", "install", "images",
            "ports", "start", "steps", "prepare", "beforeTrial", "afterStart", "beforeStop", "observe", "powershell", "cmd",
            "deadline", "reproducedWhen", "path", "kind");

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
