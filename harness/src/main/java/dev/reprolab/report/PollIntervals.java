package dev.reprolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprolab.journal.PollInterval;
import dev.reprolab.journal.TrialFinished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The netstat poll interval each cell really got: per trial the guest-stamped gaps between snapshots
 * ({@code pollInterval} of its trial-finished event), per cell the median of the trials' medians and the worst p95
 * and gap. Written into results.json next to the cell's counts, and shown in summary.html and summary.md, so that a
 * rate read against "200 ms" is known to have been read against what the guest achieved.
 */
public final class PollIntervals {

    /** A cell whose median ran more than this over its target is flagged: the guest could not keep the pace. */
    public static final double FLAG_OVERRUN = 0.2;

    private PollIntervals() {
    }

    /** One cell's achieved interval over its measured trials. */
    public record CellInterval(long targetMs, int trials, long medianMs, long p95Ms, long maxMs) {
        public boolean overran() {
            return medianMs > targetMs * (1 + FLAG_OVERRUN);
        }
    }

    /** The achieved interval of the trials of {@code patchSet} × {@code cell}, or null when none was measured. */
    static CellInterval of(List<TrialFinished> trialFinished, String patchSet, String cell) {
        List<Long> medians = new ArrayList<>();
        long target = 0;
        long p95 = 0;
        long max = 0;
        for (TrialFinished e : trialFinished) {
            PollInterval p = e.pollInterval();
            if (p == null || !patchSet.equals(e.patchSet()) || !cell.equals(e.cell())) {
                continue;
            }
            target = p.targetMs();
            medians.add(p.medianMs());
            p95 = Math.max(p95, p.p95Ms());
            max = Math.max(max, p.maxMs());
        }
        if (medians.isEmpty()) {
            return null;
        }
        Collections.sort(medians);
        long median = medians.size() % 2 == 1 ? medians.get(medians.size() / 2)
                : (medians.get(medians.size() / 2 - 1) + medians.get(medians.size() / 2)) / 2;
        return new CellInterval(target, medians.size(), median, p95, max);
    }

    /** Adds {@code pollInterval} to every cell of a run's results.json whose trials measured one. */
    public static void addToResults(Path runDir, List<TrialFinished> finished) {
        Path file = runDir.resolve("results.json");
        ObjectMapper m = new ObjectMapper();
        try {
            ObjectNode root = (ObjectNode) m.readTree(file.toFile());
            for (JsonNode c : root.path("cells")) {
                CellInterval ci = of(finished, c.path("patchSet").asText(), c.path("cell").asText());
                if (ci != null) {
                    ObjectNode o = ((ObjectNode) c).putObject("pollInterval");
                    o.put("targetMs", ci.targetMs());
                    o.put("trials", ci.trials());
                    o.put("medianMs", ci.medianMs());
                    o.put("p95Ms", ci.p95Ms());
                    o.put("maxMs", ci.maxMs());
                }
            }
            m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of results.json that carry an achieved interval. */
    static List<JsonNode> measured(List<JsonNode> cells) {
        return cells.stream().filter(c -> c.path("pollInterval").isObject()).toList();
    }

    private static String flag(JsonNode p) {
        return p.path("medianMs").asLong() > p.path("targetMs").asLong() * (1 + FLAG_OVERRUN) ? "the guest could not keep the pace" : "";
    }

    /** The summary.html section (nothing when no cell polled). */
    public static void html(StringBuilder h, List<JsonNode> cells) {
        List<JsonNode> ms = measured(cells);
        if (ms.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"poll-interval\">Netstat polling: interval asked and achieved</h2>\n")
                .append("<p>From the guest's own stamps of its snapshots: the median of the trials' median gaps, and the worst p95 and gap.</p>\n")
                .append("<table id=\"poll-intervals\"><tr><th>patch set</th><th>cell</th><th>asked</th><th>achieved (median)</th>")
                .append("<th>p95</th><th>longest gap</th><th>trials</th><th></th></tr>\n");
        for (JsonNode c : ms) {
            JsonNode p = c.path("pollInterval");
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d ms</td><td>%d ms</td><td>%d ms</td><td>%d ms</td><td>%d</td><td>%s</td></tr>%n",
                    esc(c.path("patchSet").asText()), esc(c.path("cell").asText()), p.path("targetMs").asLong(), p.path("medianMs").asLong(),
                    p.path("p95Ms").asLong(), p.path("maxMs").asLong(), p.path("trials").asInt(), flag(p)));
        }
        h.append("</table>\n");
    }

    /** The summary.md section (nothing when no cell polled). */
    public static void markdown(StringBuilder b, List<JsonNode> cells) {
        List<JsonNode> ms = measured(cells);
        if (ms.isEmpty()) {
            return;
        }
        b.append("\n## Netstat polling: interval asked and achieved\n\n")
                .append("| patch set | cell | asked | achieved (median) | p95 | longest gap | trials | |\n|---|---|---|---|---|---|---|---|\n");
        for (JsonNode c : ms) {
            JsonNode p = c.path("pollInterval");
            b.append(String.format(Locale.ROOT, "| %s | %s | %d ms | %d ms | %d ms | %d ms | %d | %s |%n", c.path("patchSet").asText(),
                    c.path("cell").asText(), p.path("targetMs").asLong(), p.path("medianMs").asLong(), p.path("p95Ms").asLong(),
                    p.path("maxMs").asLong(), p.path("trials").asInt(), flag(p)));
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
