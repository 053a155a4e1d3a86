package dev.reprolab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.report.FactorTrends;
import dev.reprolab.report.RunData;
import dev.reprolab.report.Trends;
import dev.reprolab.stats.Fisher;
import dev.reprolab.stats.Proportion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab compare RUN_DIR...}: patch sets × cells across runs, with intervals and Fisher p-values vs. a baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare the results of one or more runs.")
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR")
    List<Path> runs;

    @Option(names = "--baseline", description = "patch set to compare against (default: the first)")
    String baseline;

    @Option(names = "--json")
    boolean json;

    record Tally(String patchSet, String cell, JsonNode factors, JsonNode loadLevel, int[] n) {
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Tally> cells = new LinkedHashMap<>();
        List<dev.reprolab.journal.TrialFinished> hung = new java.util.ArrayList<>();
        for (Path dir : runs) {
            RunData run = RunData.read(dir);
            hung.addAll(run.events(dev.reprolab.journal.TrialFinished.class));
            if (run.cells().isEmpty()) {
                throw new UsageException(dir + ": no results.json with cells (is the run finished? lab run --resume finishes it)");
            }
            for (JsonNode c : run.cells()) {
                Tally t = cells.computeIfAbsent(c.path("patchSet").asText() + "|" + c.path("cell").asText(),
                        k -> new Tally(c.path("patchSet").asText(), c.path("cell").asText(), c.path("factors"),
                                c.path("loadLevel"), new int[3]));
                t.n()[0] += c.path("reproduced").asInt();
                t.n()[1] += c.path("trials").asInt();
                t.n()[2] += c.path("infraErrors").asInt();
            }
        }
        String base = baseline != null ? baseline : cells.values().iterator().next().patchSet();
        if (cells.values().stream().noneMatch(t -> t.patchSet().equals(base))) {
            throw new UsageException("--baseline " + base + " is not a patch set of these runs");
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("baseline", base);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-20s %-28s %6s %5s %6s %-12s %10s  (baseline %s)%n",
                "patch set", "cell", "trials", "hung", "rate", "95% CI", "p vs base", base));
        for (Tally t : cells.values()) {
            Tally b = cells.get(base + "|" + t.cell());
            Proportion pr = Proportion.wilson(t.n()[0], t.n()[1]);
            Double p = b == null || b == t ? null : Fisher.twoSided(t.n()[0], t.n()[1] - t.n()[0], b.n()[0], b.n()[1] - b.n()[0]);
            ObjectNode o = root.withArray("cells").addObject();
            o.put("patchSet", t.patchSet()).put("cell", t.cell());
            if (t.factors().isObject()) {
                o.set("factors", t.factors());
            }
            if (t.loadLevel().isObject()) {
                o.set("loadLevel", t.loadLevel());
            }
            o.put("trials", t.n()[1]).put("reproduced", t.n()[0])
                    .put("infraErrors", t.n()[2]).put("rate", pr.rate()).put("ciLow", pr.low()).put("ciHigh", pr.high());
            if (p != null) {
                o.put("pValue", p);
            }
            table.append(String.format(Locale.ROOT, "%-20s %-28s %6d %5d %5.0f%% %4.0f–%3.0f%%    %10s%n", t.patchSet(), t.cell(),
                    t.n()[1], t.n()[0], 100 * pr.rate(), 100 * pr.low(), 100 * pr.high(), p == null ? "-" : String.format(Locale.ROOT, "%.4g", p)));
        }
        List<dev.reprolab.report.Signatures.Group> groups = dev.reprolab.report.Signatures.of(hung);
        root.set("hangSignatures", dev.reprolab.report.Signatures.json(groups));
        if (!groups.isEmpty()) {
            table.append(String.format(Locale.ROOT, "%nhangs by signature:%n"));
            for (dev.reprolab.report.Signatures.Group g : groups) {
                table.append(String.format(Locale.ROOT, "  %3d  %-11s %s  %s%n", g.total(), g.bug() ? "bug" : "other hang",
                        g.signature(), g.perPatchSet()));
            }
        }
        trends(m, root, table);
        System.out.print(json ? m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n" : table.toString());
        return 0;
    }

    /** The Cochran–Armitage trend across the levels of every ordered factor (netstat polling, load), under the table. */
    private static void trends(ObjectMapper m, ObjectNode root, StringBuilder table) {
        List<JsonNode> cells = new java.util.ArrayList<>();
        root.withArray("cells").forEach(c -> cells.add(c));
        List<FactorTrends.Series> series = FactorTrends.of(cells);
        if (series.stream().noneMatch(s -> s.points().size() > 1)) {
            return;
        }
        String shown = "";
        for (FactorTrends.Series s : series) {
            if (s.points().size() < 2) {
                continue;
            }
            if (!s.factor().equals(shown)) {
                shown = s.factor();
                table.append(s.factor().equals("netstat")
                        ? String.format(Locale.ROOT, "%nTrend across netstat polling (Cochran–Armitage, score = polls per second):%n")
                        : String.format(Locale.ROOT, "%nTrend across load (Cochran–Armitage, score = rank from lightest: %s):%n",
                                String.join(" < ", FactorTrends.loadOrder(cells))));
            }
            StringBuilder pts = new StringBuilder();
            s.points().forEach(p -> pts.append(pts.length() == 0 ? "" : "  ").append(p.level()).append(' ')
                    .append(p.reproduced()).append('/').append(p.trials()));
            table.append(String.format(Locale.ROOT, "%-20s %-8s %-36s %s%s%n", s.patchSet(), s.held(), pts,
                    Trends.describe(s.trend()), s.trend().testable() ? ", " + s.trend().direction() : ""));
            ObjectNode o = root.withArray("trends").addObject().put("patchSet", s.patchSet()).put("factor", s.factor())
                    .put(s.factor().equals("netstat") ? "load" : "netstat", s.held()).put("test", "cochran-armitage");
            if (s.trend().testable()) {
                o.put("z", s.trend().z()).put("pValue", s.trend().pValue());
            } else {
                o.putNull("z").putNull("pValue");
            }
            s.points().forEach(p -> {
                ObjectNode pt = o.withArray("points").addObject().put(s.factor(), p.level()).put("score", p.score());
                if (s.factor().equals("netstat")) {
                    pt.put("pollsPerSecond", p.score());
                }
                pt.put("reproduced", p.reproduced()).put("trials", p.trials());
            });
        }
        table.append(FactorTrends.sentence(series)).append('\n');
        root.put("trend", FactorTrends.sentence(series));
    }
}
