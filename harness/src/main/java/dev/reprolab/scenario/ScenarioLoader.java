package dev.reprolab.scenario;

import dev.reprolab.remote.FileChannel;
import dev.reprolab.workload.Installer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.input.LocatedYaml;
import dev.reprolab.input.BadInputException;
import dev.reprolab.input.Problems;
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
 * Any problem is one {@link BadInputException} {@code file:line:col: what was expected}; nothing is started.
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
        LocatedYaml y = LocatedYaml.read(file, "scenario");
        JsonNode r = y.root();
        Problems problems = new Problems();
        if (r.has("password") || r.path("lab").has("password")) {
            problems.add(y.keyError(r.has("password") ? "/password" : "/lab/password",
                    "secrets never go in a scenario: put credentials in the lab config as passwordEnv or passwordFile"));
        }
        for (Iterator<String> names = r.path("patchSets").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SAFE_NAME.matcher(name).matches()) {
                problems.add(y.keyError("/patchSets/" + name.replace("~", "~0").replace("/", "~1"), "patch set name '" + name
                        + "' is not a safe name: letters, digits, '.', '_' and '-', starting with a letter or digit"
                        + " (it names files and folders in the run directory)"));
            }
        }
        Set<ValidationMessage> errors = SCHEMA.validate(r);
        // every schema error, in file order; what the document means is only checked once its shape is right
        errors.stream().sorted(Comparator.comparing((ValidationMessage m) -> {
            int[] l = y.location(pointer(m));
            return (long) l[0] * 10000 + l[1];
        })).forEach(m -> {
            String pointer = pointer(m);
            if ("additionalProperties".equals(m.getType()) && "password".equals(m.getProperty())) {
                return; // said above, with what to do instead
            }
            if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
                problems.add(y.keyError(pointer + "/" + m.getProperty(), "unknown key '" + m.getProperty() + "'"
                        + suggestion(m.getProperty(), r.at(pointer))));
            } else {
                problems.add(y.error(pointer, m.getMessage().replaceFirst("^\\$[^:]*: ", "")));
            }
        });
        problems.throwIfAny();
        Path dir = file.toAbsolutePath().getParent();
        JsonNode lab = r.path("lab");
        Optional<Path> labConfig = lab.has("config") ? Optional.of(dir.resolve(lab.get("config").asText())) : Optional.empty();
        if (labConfig.isPresent() && !Files.isRegularFile(labConfig.get())) {
            problems.add(y.error("/lab/config", "lab config " + labConfig.get()
                    + (Files.isDirectory(labConfig.get()) ? " is a directory, not a file" : " not found")));
        }
        Scenario.Lab l = new Scenario.Lab(lab.path("backend").asText("sim"), labConfig, lab.path("guests").asInt(2),
                lab.path("baseCheckpoint").asText("clean"),
                problems.attempt(() -> fileChannel(y, lab.path("fileChannel").asText("winrm")), FileChannel.WINRM),
                new Scenario.FileServer(text(lab.path("fileServer"), "address"), text(lab.path("fileServer"), "bind"),
                        lab.path("fileServer").path("port").asInt(0)));
        Path catalogFile = problems.attempt(() -> existing(y, dir, "/updates/catalog"), null);
        Catalog catalog = catalogFile == null ? null : problems.attempt(() -> Catalog.load(catalogFile), null);
        Path packages = dir.resolve(r.path("updates").path("packages").asText());
        boolean havePackages = Files.isDirectory(packages);
        if (!havePackages) {
            problems.add(y.error("/updates/packages", "update packages directory " + packages
                    + (Files.exists(packages) ? " is a file, not a directory" : " not found")));
        }
        if (catalog == null) {
            problems.throwIfAny(); // the KBs, levels and packages below are all checked against the catalog
        }
        Scenario.Updates updates = new Scenario.Updates(catalogFile, packages, problems.attempt(() -> installer(y, "/updates/installer",
                r.path("updates").path("installer").asText("dism"), Installer.DISM, Installer.WUSA_TASK), Installer.DISM));
        List<Scenario.PatchSet> sets = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("patchSets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "/patchSets/" + e.getKey();
            List<String> kbs = new ArrayList<>();
            for (int i = 0; i < e.getValue().path("kbs").size(); i++) {
                String kb = e.getValue().path("kbs").get(i).asText().toUpperCase(Locale.ROOT);
                String kbAt = at + "/kbs/" + i;
                Optional<Catalog.Update> u = catalog.update(kb);
                if (u.isEmpty()) {
                    problems.add(y.error(kbAt, kb + " is not in the catalog " + catalogFile.getFileName() + " (known: "
                            + catalog.updates().stream().map(Catalog.Update::id).toList() + ")"));
                    continue;
                }
                if (havePackages && !Files.isRegularFile(packages.resolve(u.get().msuName()))) {
                    problems.add(y.error(kbAt, "no package " + u.get().msuName() + " in " + packages));
                }
                if (kbs.contains(kb)) {
                    problems.add(y.error(kbAt, kb + " is listed twice in patch set '" + e.getKey() + "'"));
                    continue;
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
        for (int i = 0; i < ns.size(); i++) {
            String text = ns.get(i).asText();
            String nsAt = "/factors/netstat/" + i;
            Duration n = text.equals("off") ? Duration.ZERO : problems.attempt(() -> duration(y, nsAt, text), null);
            if (n == null) {
                continue;
            }
            if (!text.equals("off") && n.isZero()) {
                problems.add(y.error(nsAt, "a netstat interval of " + text + " is no interval: write \"off\" for no polling"));
            } else if (netstat.contains(n)) {
                problems.add(y.error(nsAt, "netstat interval " + text + " is listed twice"));
            } else {
                netstat.add(n);
            }
        }
        List<Scenario.Load> loads = new ArrayList<>();
        JsonNode ld = r.path("factors").path("load");
        if (ld.isMissingNode()) {
            loads.add(new Scenario.Load("default", 4, 0));
        }
        for (int i = 0; i < ld.size(); i++) {
            JsonNode n = ld.get(i);
            String name = n.path("name").asText();
            if (loads.stream().anyMatch(x -> x.name().equals(name))) {
                problems.add(y.error("/factors/load/" + i + "/name", "load level '" + name + "' is listed twice"));
                continue;
            }
            loads.add(new Scenario.Load(name, n.path("clients").asInt(), n.path("rate").asDouble(0)));
        }
        JsonNode d = r.path("deadlines");
        Duration some = Duration.ofMinutes(1); // stands in for a deadline that is wrong, so the checks after it still run
        Scenario.Deadlines deadlines = new Scenario.Deadlines(problems.attempt(() -> deadline(y, d, "warmup", "3s", true), some),
                problems.attempt(() -> deadline(y, d, "stop", "30s", false), some),
                problems.attempt(() -> deadline(y, d, "boot", "5m", false), some),
                problems.attempt(() -> deadline(y, d, "command", "2m", false), some),
                problems.attempt(() -> deadline(y, d, "transfer", d.path("command").asText("2m"), false), some),
                problems.attempt(() -> rate(y, d.path("transferRate").asText("1MB/s")), 1L));
        Scenario.Dumps dumps = new Scenario.Dumps(!"never".equals(r.path("dumps").path("procdump").asText("on-hang")),
                "first-hang-per-patch-set".equals(r.path("dumps").path("kernel").asText("never")));
        Optional<Scenario.Bisect> bisect = Optional.empty();
        if (r.has("bisect")) {
            String levels = r.path("bisect").path("levels").asText();
            if (!catalog.levels().containsKey(levels)) {
                problems.add(y.error("/bisect/levels", "the catalog has no level list '" + levels + "' (has " + catalog.levels().keySet() + ")"));
            }
            bisect = Optional.of(new Scenario.Bisect(levels, r.path("bisect").path("confidence").asDouble(0.95),
                    r.path("bisect").path("budget").asInt(200)));
        }
        for (Scenario.PatchSet p : sets) {
            for (String cell : p.expectCells().keySet()) {
                boolean known = netstat.stream().anyMatch(n -> loads.stream().anyMatch(lo -> new Scenario.Cell(p,
                        n.isZero() ? Optional.empty() : Optional.of(n), lo).id().equals(cell)));
                if (!known) {
                    problems.add(y.keyError("/patchSets/" + p.name() + "/expectCells/" + cell, "no cell '" + cell + "' in this scenario"));
                }
            }
        }
        WorkloadPlan plan = problems.attempt(() -> WorkloadLoader.load(y, dir, deadlines.command()), null);
        dev.reprolab.triage.TriageSpec triage = problems.attempt(() -> TriageLoader.load(y, file), null);
        problems.throwIfAny();
        JsonNode trials = r.path("trials");
        double minRate = r.path("minRate").asDouble(0.3);
        return new Scenario(file, r.path("name").asText(), r.path("description").asText(""), l, plan.workload(), updates,
                List.copyOf(sets), List.copyOf(netstat), List.copyOf(loads), trials.isObject() ? trials.path("max").asInt() : trials.asInt(),
                minRate, deadlines, dumps, bisect, plan.steps(), plan.reproducedWhen(),
                triage,
                "when-decided".equals(trials.path("stop").asText()) ? Optional.of(new dev.reprolab.stats.EarlyStop(minRate,
                        trials.path("rateWidth").asDouble(dev.reprolab.stats.EarlyStop.DEFAULT_RATE_WIDTH))) : Optional.empty());
    }

    private static Optional<String> text(JsonNode n, String key) {
        return n.hasNonNull(key) && !n.get(key).asText().isBlank() ? Optional.of(n.get(key).asText().strip()) : Optional.empty();
    }

    /** A rate such as {@code 1MB/s}, {@code 512KB/s}, {@code 2.5MB/s} in bytes a second (K, M, G are powers of 1024). */
    static long rate(LocatedYaml y, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|MB|GB)/s").matcher(text.strip());
        if (!m.matches()) {
            throw y.error("/deadlines/transferRate", "'" + text + "' is not a rate (expected e.g. 512KB/s, 1MB/s, 2.5MB/s)");
        }
        double unit = switch (m.group(2)) {
            case "KB" -> 1024;
            case "MB" -> 1024 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            default -> 1;
        };
        long v = (long) (Double.parseDouble(m.group(1)) * unit);
        if (v <= 0) {
            throw y.error("/deadlines/transferRate", "a transfer rate of " + text + " would never finish a transfer");
        }
        return v;
    }

    private static Duration duration(LocatedYaml y, String pointer, String text) {
        try {
            return Durations.parse(y.file(), text);
        } catch (dev.reprolab.input.BadInputException e) {
            throw y.error(pointer, "'" + text + "' is not a duration (expected e.g. 200ms, 1s, 5m, 2h)");
        }
    }

    /** A deadline; only the warm-up may be zero (no warm-up), a zero stop, boot or command deadline fails everything. */
    private static Duration deadline(LocatedYaml y, JsonNode d, String key, String dflt, boolean zeroAllowed) {
        String text = d.path(key).asText(dflt);
        Duration v = duration(y, "/deadlines/" + key, text);
        if (v.isZero() && !zeroAllowed) {
            throw y.error("/deadlines/" + key, "a " + key + " deadline of " + text + " leaves no time at all");
        }
        return v;
    }

    private static Path existing(LocatedYaml y, Path dir, String pointer) {
        Path p = dir.resolve(y.root().at(pointer).asText());
        if (Files.isDirectory(p)) {
            throw y.error(pointer, p + " is a directory, not a file");
        }
        if (!Files.isRegularFile(p)) {
            throw y.error(pointer, "file " + p + " not found");
        }
        return p;
    }

    /** Names that become file and folder names in a run directory (patch sets): no path characters, no leading dot. */
    public static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

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
            "guests", "baseCheckpoint", "fileChannel", "fileServer", "address", "bind", "transfer", "transferRate", "apache", "zip", "installRoot", "service", "port", "updates", "catalog",
            "packages", "installer", "patchSets", "kbs", "expect", "expectCells", "factors", "netstat", "load", "clients",
            "rate", "trials", "max", "rateWidth", "minRate", "deadlines", "warmup", "stop", "boot", "command", "dumps", "procdump", "kernel",
            "bisect", "levels", "confidence", "budget", "workload", "iis", "files", "from", "to", "install", "images",
            "ports", "start", "steps", "prepare", "beforeTrial", "afterStart", "beforeStop", "observe", "powershell", "cmd",
            "deadline", "reproducedWhen", "path", "kind", "triage", "enabled", "debuggers", "liveKd", "symbolPath",
            "kernelCommands", "userCommands", "liveCommands", "modules", "expectSignature");

    private static FileChannel fileChannel(LocatedYaml y, String word) {
        try {
            return FileChannel.parse(word);
        } catch (IllegalArgumentException e) {
            throw y.error("/lab/fileChannel", e.getMessage());
        }
    }

    /** The installer a scenario names at {@code pointer}, one of {@code allowed}; else an error at that spot. */
    static Installer installer(LocatedYaml y, String pointer, String word, Installer... allowed) {
        return Installer.named(word).filter(i -> java.util.Arrays.asList(allowed).contains(i)).orElseThrow(() -> y.error(pointer,
                "unknown installer '" + word + "' (known: " + java.util.Arrays.stream(allowed).map(Installer::word).toList() + ")"));
    }

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
