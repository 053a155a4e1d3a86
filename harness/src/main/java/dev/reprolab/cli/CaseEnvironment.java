package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprolab.journal.Journal;
import dev.reprolab.journal.PatchSetPrepared;
import dev.reprolab.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment difference between the last good and the first bad level (and the first fixed one when a fix
 * was located), side by side: the updates installed and the file versions of the signature's modules as the guest
 * reported them after preparing the level (tcpip.sys and afd.sys), the catalog's tcpip.sys, the probe's settings,
 * and the environment probe (TCP global settings, filter drivers) where the reproduce phase took one.
 */
final class CaseEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one level looked like on a guest: the preparation event it was read from, and the environment probe. */
    record Level(int index, String name, Optional<PatchSetPrepared> prepared, String where, Optional<JsonNode> probe) {
    }

    private final List<String> labels;
    private final List<Level> levels;
    private final List<List<String>> rows = new ArrayList<>();

    private CaseEnvironment(List<String> labels, List<Level> levels) {
        this.labels = labels;
        this.levels = levels;
    }

    static CaseEnvironment of(Path dir, InvestigationCase c, Scenario s) {
        int[] gb = c.goodBad();
        List<String> labels = new ArrayList<>(List.of("last good", "first bad"));
        List<Integer> at = new ArrayList<>(List.of(gb[0], gb[1]));
        if (c.badFixed() != null) {
            labels.add("first fixed");
            at.add(c.badFixed()[1]);
        }
        List<Level> levels = at.stream().map(i -> level(dir, c, i)).toList();
        CaseEnvironment env = new CaseEnvironment(labels, levels);
        env.build(c, s);
        return env;
    }

    /** A reproduce-phase patch set at the level first (it was probed too, and its updates are the scenario's), else a bisect's. */
    private static Level level(Path dir, InvestigationCase c, int index) {
        String name = c.names().get(index);
        String bisectName = String.format(Locale.ROOT, "L%02d-%s", index, name);
        for (InvestigationCase.Placed p : c.placed()) {
            if (p.level() != index) {
                continue;
            }
            for (PatchSetPrepared e : Journal.events(dir, PatchSetPrepared.class)) {
                if (p.patchSet().equals(e.patchSet())) {
                    return new Level(index, name, Optional.of(e), p.patchSet() + " on " + e.vm(), probe(dir, p.patchSet()));
                }
            }
        }
        for (String phase : List.of("cause", "fix", "base")) {
            for (PatchSetPrepared e : Journal.events(dir.resolve(phase), PatchSetPrepared.class)) {
                String ps = e.patchSet();
                if (bisectName.equals(ps) || (index == 0 && "base".equals(ps))) {
                    return new Level(index, name, Optional.of(e), ps + " on " + e.vm(), Optional.empty());
                }
            }
        }
        return new Level(index, name, Optional.empty(), "not prepared in this investigation", Optional.empty());
    }

    private static Optional<JsonNode> probe(Path dir, String patchSet) {
        Path f = dir.resolve("environment").resolve(patchSet + ".json");
        try {
            return Files.isRegularFile(f) ? Optional.of(JSON.readTree(f.toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void build(InvestigationCase c, Scenario s) {
        row("level", l -> l.name());
        row("measured on", Level::where);
        List<String> previous = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        for (Level l : levels) {
            List<String> installed = new ArrayList<>();
            l.prepared().ifPresent(e -> installed.addAll(e.installed()));
            if (l.prepared().isEmpty()) {
                installed.addAll(c.names().subList(1, l.index() + 1));
            }
            List<String> added = new ArrayList<>(installed);
            added.removeAll(previous);
            updates.add(previous.isEmpty() ? (installed.isEmpty() ? "none (base image)" : String.join(", ", installed))
                    : added.isEmpty() ? "same" : "+ " + String.join(", ", added));
            previous = installed;
        }
        rows.add(withDiff("updates installed", updates));
        row("tcpip.sys on the guest", l -> version(l, "tcpip.sys"));
        row("tcpip.sys in the catalog", l -> c.catalog().tcpipVersion(c.names().subList(1, l.index() + 1)).orElse("(base image)"));
        row("afd.sys on the guest", l -> version(l, "afd.sys"));
        row("afd.sys in the catalog", l -> "not tracked");
        Optional<java.time.Duration> netstat = s.netstatIntervals().stream().filter(d -> !d.isZero()).findFirst();
        Scenario.Load load = s.loads().get(0);
        String probe = String.format(Locale.ROOT, "netstat -ano every %s, load %s (%d clients, %s)",
                netstat.map(dev.reprolab.lab.config.Durations::format).orElse("off"), load.name(), load.clients(),
                load.rate() == 0 ? "as fast as they can" : load.rate() + " requests/s each");
        row("probe settings", l -> probe);
        row("TCP global settings (netsh)", l -> l.probe().map(p -> digest(p.path("tcpGlobal").asText())).orElse("not probed"));
        row("filter drivers (fltmc)", l -> l.probe().map(p -> digest(p.path("fltmc").asText())).orElse("not probed"));
    }

    /** Long probe output is compared, not printed: its line count and whether it matches the first column's. */
    private static String digest(String text) {
        return text.isBlank() ? "empty" : text.lines().count() + " lines, #" + Integer.toHexString(text.strip().hashCode());
    }

    private static String version(Level l, String file) {
        return l.prepared().map(e -> e.fileVersions().getOrDefault(file, "")).filter(v -> !v.isEmpty())
                .orElse(l.prepared().isPresent() ? "not read at preparation" : "not prepared");
    }

    private void row(String what, java.util.function.Function<Level, String> value) {
        rows.add(withDiff(what, levels.stream().map(value).toList()));
    }

    private static List<String> withDiff(String what, List<String> values) {
        List<String> r = new ArrayList<>();
        r.add(what);
        r.addAll(values);
        boolean differs = values.stream().filter(v -> !v.startsWith("not ")).distinct().count() > 1
                && !what.equals("measured on") && !what.equals("level")
                && !what.equals("updates installed");
        r.add(what.equals("updates installed") ? "yes" : differs ? "**yes**" : "");
        return r;
    }

    List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("");
        for (int i = 0; i < labels.size(); i++) {
            h.add(labels.get(i) + ": " + levels.get(i).name());
        }
        h.add("differs");
        return h;
    }

    List<List<String>> rows() {
        return rows;
    }

    /** The value of a row in a column, e.g. {@code value("tcpip.sys on the guest", 1)}. */
    String value(String row, int column) {
        return rows.stream().filter(r -> Objects.equals(r.get(0), row)).findFirst().map(r -> r.get(column + 1)).orElseThrow();
    }

    String markdown() {
        StringBuilder m = new StringBuilder();
        m.append("| ").append(String.join(" | ", header())).append(" |\n|").append("---|".repeat(header().size())).append('\n');
        rows.forEach(r -> m.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return m.toString();
    }
}
