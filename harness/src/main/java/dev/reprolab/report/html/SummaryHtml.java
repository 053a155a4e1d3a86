package dev.reprolab.report.html;

import dev.reprolab.windows.netstat.TcpState;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.journal.DumpCaptured;
import dev.reprolab.journal.Outcome;
import dev.reprolab.journal.TrialFinished;
import dev.reprolab.report.RunData;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code summary.html}: one self-contained file (inline CSS and SVG, no script, no network) a support
 * engineer can attach to a case. Verdict first, then the evidence that backs it: rates with intervals, the port's
 * netstat timeline in a hung and in a clean trial, the environment per patch set, the dumps, the bisect log.
 */
public final class SummaryHtml {

    private SummaryHtml() {
    }

    public static Path write(RunData run) {
        Path out = run.dir().resolve("summary.html");
        try {
            Files.writeString(out, render(run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String render(RunData run) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.esc("Repro lab run " + run.runId())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:13px}")
                .append("th{background:#f4f4f4}.verdict{font-size:1.3em;padding:12px;border-radius:6px;margin:1em 0}")
                .append(".bad{background:#fdecea;border:1px solid #c0392b}.good{background:#eafaf1;border:1px solid #27ae60}")
                .append(".unsure{background:#f4f6f6;border:1px solid #7f8c8d}pre{background:#f8f8f8;padding:8px;overflow:auto;font-size:12px}")
                .append("code{font-size:12px}</style></head><body>\n");
        h.append("<h1>Repro lab run <code>").append(Html.esc(run.runId())).append("</code></h1>\n");
        JsonNode meta = run.run();
        h.append("<p class=\"meta\">Scenario <code>").append(Html.esc(meta.path("scenario").asText("?")))
                .append("</code> on lab <code>").append(Html.esc(meta.path("lab").asText("?"))).append("</code>, started ")
                .append(Html.esc(meta.path("startedAt").asText("?"))).append(", finished ")
                .append(Html.esc(meta.path("finishedAt").asText("(not finished)"))).append(".</p>\n");
        verdict(h, run);
        cells(h, run);
        SignatureSection.render(h, run);
        dev.reprolab.report.PollIntervals.html(h, run.cells());
        DoseChart.section(h, dev.reprolab.report.Trends.of(run.cells()), dev.reprolab.report.FactorTrends.of(run.cells()));
        timelines(h, run);
        environment(h, run);
        dumps(h, run);
        run.bisectLog().ifPresent(log -> h.append("<h2 id=\"bisect\">Bisect log</h2>\n<pre id=\"bisect-log\">")
                .append(Html.esc(log)).append("</pre>\n"));
        return h.append("</body></html>\n").toString();
    }

    private static void verdict(StringBuilder h, RunData run) {
        List<String> reproduces = new ArrayList<>();
        List<String> doesNot = new ArrayList<>();
        int unmet = 0;
        int expectations = 0;
        Map<String, String> perSet = new LinkedHashMap<>();
        for (JsonNode c : run.cells()) {
            String set = c.path("patchSet").asText();
            String v = c.path("verdict").asText("undecided");
            perSet.merge(set, v, (a, b) -> a.equals("reproduces") || b.equals("reproduces") ? "reproduces"
                    : a.equals("undecided") || b.equals("undecided") ? "undecided" : "does-not");
            String expected = c.path("expectation").asText("");
            if (!expected.isEmpty()) {
                expectations++;
                if (!expected.equals(v)) {
                    unmet++;
                }
            }
        }
        perSet.forEach((set, v) -> (v.equals("reproduces") ? reproduces : v.equals("does-not") ? doesNot : new ArrayList<String>()).add(set));
        String cls = reproduces.isEmpty() ? (doesNot.size() == perSet.size() && !perSet.isEmpty() ? "good" : "unsure") : "bad";
        h.append("<div id=\"verdict\" class=\"verdict ").append(cls).append("\">");
        if (perSet.isEmpty()) {
            h.append("No finished trials yet.");
        } else {
            h.append(reproduces.isEmpty() ? "The hang did not reproduce" : "The hang reproduces on <b>"
                    + Html.esc(String.join(", ", reproduces)) + "</b>");
            if (!doesNot.isEmpty()) {
                h.append("; not on <b>").append(Html.esc(String.join(", ", doesNot))).append("</b>");
            }
            h.append(". ");
            if (expectations > 0) {
                h.append(unmet == 0 ? "All " + expectations + " expectations met." : unmet + " of " + expectations + " expectations not met.");
            }
        }
        h.append("</div>\n");
    }

    private static void cells(StringBuilder h, RunData run) {
        h.append("<h2 id=\"rates\">Repro rate per cell (Wilson 95 % interval)</h2>\n");
        List<Svg.RateBar> bars = new ArrayList<>();
        StringBuilder t = new StringBuilder("<table id=\"cells\"><tr><th>patch set</th><th>cell</th><th>trials</th>"
                + "<th>reproduced</th><th>clean</th><th>other</th><th>infra errors</th><th>rate</th><th>95 % CI</th>"
                + "<th>verdict</th><th>expected</th></tr>\n");
        for (JsonNode c : run.cells()) {
            int n = c.path("trials").asInt();
            int k = c.path("reproduced").asInt();
            double low = c.path("ciLow").asDouble(0);
            double high = c.path("ciHigh").asDouble(n == 0 ? 1 : 0);
            String verdict = c.path("verdict").asText("undecided");
            String label = c.path("patchSet").asText() + " · " + c.path("cell").asText();
            bars.add(new Svg.RateBar(label, k, n, low, high, verdict));
            t.append("<tr class=\"cell\" data-verdict=\"").append(Html.esc(verdict)).append("\"><td>")
                    .append(Html.esc(c.path("patchSet").asText())).append("</td><td>").append(Html.esc(c.path("cell").asText()))
                    .append("</td><td>").append(n).append("</td><td>").append(k).append("</td><td>")
                    .append(c.path("clean").asInt()).append("</td><td>").append(c.path("otherFailures").asInt())
                    .append("</td><td>").append(c.path("infraErrors").asInt()).append("</td><td>")
                    .append(n == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * k / n)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f–%.0f %%", 100 * low, 100 * high)).append("</td><td>")
                    .append(Html.esc(verdict)).append("</td><td>").append(Html.esc(c.path("expectation").asText("")))
                    .append("</td></tr>\n");
        }
        h.append(Svg.rateChart(bars)).append('\n').append(t).append("</table>\n");
    }

    private static void timelines(StringBuilder h, RunData run) {
        h.append("<h2 id=\"timelines\">Port ").append(port(run)).append(" over time</h2>\n");
        Map<Outcome, List<TrialFinished>> byOutcome = run.trialsByOutcome();
        boolean any = false;
        for (Map.Entry<Outcome, String> pick : List.of(Map.entry(Outcome.HUNG, "A hung trial"),
                Map.entry(Outcome.PORT_STUCK, "A trial whose port stayed listed"), Map.entry(Outcome.STOPPED_CLEANLY, "A clean trial"))) {
            Optional<TrialFinished> trial = byOutcome.getOrDefault(pick.getKey(), List.of()).stream()
                    .filter(t -> run.netstatTimeline(t.trialId()).isPresent()).findFirst();
            if (trial.isEmpty()) {
                continue;
            }
            any = true;
            String id = trial.get().trialId();
            h.append("<h3>").append(pick.getValue()).append(": <code>").append(Html.esc(id)).append("</code> (")
                    .append(Html.esc(trial.get().patchSet())).append(", ")
                    .append(Html.esc(trial.get().cell())).append(")</h3>\n<p>")
                    .append(Html.esc(trial.get().reason())).append("</p>\n");
            h.append(timeline(run, id, port(run)));
        }
        if (!any) {
            h.append("<p>No trial with a netstat timeline (polling was off in every cell).</p>\n");
        }
    }

    private static int port(RunData run) {
        return run.run().path("port").asInt(80);
    }

    static String timeline(RunData run, String trialId, int port) {
        Map<String, String> timing = new TreeMap<>();
        try {
            Optional<Path> t = run.trialFile(trialId, "timing.txt");
            if (t.isPresent()) {
                for (String l : Files.readAllLines(t.get(), StandardCharsets.UTF_8)) {
                    int eq = l.indexOf('=');
                    if (eq > 0) {
                        timing.put(l.substring(0, eq), l.substring(eq + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Long, Svg.Point> points = new TreeMap<>();
        for (NetstatTimelineFile.Entry e : NetstatTimelineFile.read(run.netstatTimeline(trialId).orElseThrow())) {
            Map<TcpState, Integer> states = new LinkedHashMap<>(e.portStates());
            states.remove(TcpState.LISTENING);
            Svg.Point old = points.get(e.elapsedMs());
            if (old != null) { // two snapshots in one millisecond: one point, as before
                old.states().forEach((k, v) -> states.merge(k, v, Integer::sum));
            }
            points.put(e.elapsedMs(), new Svg.Point(e.elapsedMs(), e.listening() || old != null && old.listening(), states));
        }
        long stopMs = 0;
        long deadlineMs = 0;
        if (timing.containsKey("started") && timing.containsKey("stopIssued")) {
            Instant started = Instant.parse(timing.get("started"));
            stopMs = Duration.between(started, Instant.parse(timing.get("stopIssued"))).toMillis();
            deadlineMs = stopMs + (timing.containsKey("stopDeadline") ? Duration.parse(timing.get("stopDeadline")).toMillis() : 0);
        }
        return Svg.timeline("timeline-" + trialId, new ArrayList<>(points.values()), stopMs, deadlineMs) + "\n";
    }

    private static void environment(StringBuilder h, RunData run) {
        h.append("<h2 id=\"environment\">Environment per patch set</h2>\n");
        List<String> sets = run.cells().stream().map(c -> c.path("patchSet").asText()).distinct().toList();
        for (String set : sets) {
            Optional<JsonNode> env = run.environment(set);
            h.append("<h3>").append(Html.esc(set)).append("</h3>\n");
            if (env.isEmpty()) {
                h.append("<p>No environment probe recorded.</p>\n");
                continue;
            }
            h.append("<table class=\"env\">");
            env.get().fields().forEachRemaining(e -> h.append("<tr><th>").append(Html.esc(e.getKey())).append("</th><td><pre>")
                    .append(Html.esc(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toPrettyString()))
                    .append("</pre></td></tr>"));
            h.append("</table>\n");
        }
    }

    private static void dumps(StringBuilder h, RunData run) {
        h.append("<h2 id=\"dumps\">Dumps</h2>\n");
        List<DumpCaptured> dumps = run.events(DumpCaptured.class);
        if (dumps.isEmpty()) {
            h.append("<p>No dumps were captured.</p>\n");
            return;
        }
        h.append("<table id=\"dump-list\"><tr><th>trial</th><th>kind</th><th>file</th><th>bytes</th><th>SHA-256</th><th>valid</th></tr>\n");
        for (DumpCaptured d : dumps) {
            h.append("<tr class=\"dump\"><td>").append(Html.esc(d.trialId())).append("</td><td>")
                    .append(Html.esc(String.valueOf(d.kind()))).append("</td><td><code>").append(Html.esc(d.path()))
                    .append("</code></td><td>").append(String.format(Locale.ROOT, "%,d", d.bytes()))
                    .append("</td><td><code>").append(Html.esc(d.sha256())).append("</code></td><td>")
                    .append(d.valid() ? "yes" : "NO: " + Html.esc(String.join("; ", d.problems())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
