package dev.reprolab.report.html;

import dev.reprolab.report.FactorTrends;
import dev.reprolab.report.Trends;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The dose-response section of the summary: repro rate (with its Wilson 95 % interval) against the netstat
 * polling interval, a line per patch set and load level, and the Cochran–Armitage trend test of each line. The
 * x axis is the polling levels in order of polls per second, evenly spaced (the levels are the scenario's).
 */
public final class DoseChart {

    private static final List<String> COLORS = List.of("#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#d35400", "#16a085",
            "#7f8c8d", "#2c3e50");
    private static final List<String> DASHES = List.of("", "6,3", "2,3", "8,3,2,3");

    private DoseChart() {
    }

    static void section(StringBuilder h, List<Trends.Series> series, List<FactorTrends.Series> all) {
        if (all.stream().noneMatch(s -> s.points().size() > 1)) {
            return;
        }
        h.append("<h2 id=\"dose-response\">Repro rate against netstat polling (dose-response)</h2>\n");
        h.append(svg(series)).append('\n');
        h.append("<p id=\"trend-sentence\">").append(Html.esc(FactorTrends.sentence(all))).append("</p>\n");
        h.append("<table id=\"trends\"><tr><th>patch set</th><th>load</th><th>points (polling: hung/trials)</th>"
                + "<th>Cochran–Armitage</th></tr>\n");
        for (Trends.Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (Trends.Point p : s.points()) {
                pts.append(pts.length() == 0 ? "" : ", ").append(p.netstat()).append(": ").append(p.reproduced()).append('/').append(p.trials());
            }
            h.append("<tr class=\"trend\" data-p=\"").append(s.trend().testable() ? String.format(Locale.ROOT, "%.6g", s.trend().pValue()) : "")
                    .append("\"><td>").append(Html.esc(s.patchSet())).append("</td><td>").append(Html.esc(s.load())).append("</td><td>")
                    .append(Html.esc(pts.toString())).append("</td><td>").append(Html.esc(Trends.describe(s.trend()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        List<FactorTrends.Series> load = all.stream().filter(x -> x.factor().equals("load") && x.points().size() > 1).toList();
        if (!load.isEmpty()) {
            h.append("<table id=\"load-trends\"><tr><th>patch set</th><th>netstat</th><th>points (load, lightest first: hung/trials)</th>"
                    + "<th>Cochran–Armitage</th></tr>\n");
            for (FactorTrends.Series s : load) {
                StringBuilder pts = new StringBuilder();
                s.points().forEach(p -> pts.append(pts.length() == 0 ? "" : ", ").append(p.level()).append(": ").append(p.reproduced())
                        .append('/').append(p.trials()));
                h.append("<tr class=\"load-trend\" data-p=\"").append(s.trend().testable() ? String.format(Locale.ROOT, "%.6g",
                        s.trend().pValue()) : "").append("\"><td>").append(Html.esc(s.patchSet())).append("</td><td>").append(Html.esc(s.held()))
                        .append("</td><td>").append(Html.esc(pts.toString())).append("</td><td>").append(Html.esc(Trends.describe(s.trend())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    public static String svg(List<Trends.Series> series) {
        TreeMap<Double, String> levels = new TreeMap<>();
        series.forEach(s -> s.points().forEach(p -> levels.put(p.pollsPerSecond(), p.netstat())));
        List<Double> xs = List.copyOf(levels.keySet());
        int left = 50;
        int top = 20;
        int plotW = 520;
        int plotH = 260;
        int legendW = 260;
        double step = xs.size() > 1 ? plotW / (double) (xs.size() - 1) : 0;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"dose-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"repro rate against netstat polling interval\">", left + plotW + 30 + legendW, top + plotH + 50));
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = top + plotH * (1 - pct / 100.0);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d%%</text>", left - 6, y + 4, pct));
        }
        for (int i = 0; i < xs.size(); i++) {
            double x = left + i * step;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>", x, top + plotH + 16,
                    Html.esc(levels.get(xs.get(i)))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">netstat polling interval "
                + "(more polls per second →)</text>", left + plotW / 2.0, top + plotH + 36));
        for (int k = 0; k < series.size(); k++) {
            Trends.Series line = series.get(k);
            String color = COLORS.get(k % COLORS.size());
            String dash = DASHES.get((k / COLORS.size()) % DASHES.size());
            double offset = (k - (series.size() - 1) / 2.0) * 3; // keeps overlapping whiskers apart
            s.append("<g class=\"series\" data-label=\"").append(Html.esc(line.label())).append("\">");
            StringBuilder path = new StringBuilder();
            for (Trends.Point p : line.points()) {
                double x = left + xs.indexOf(p.pollsPerSecond()) * step + offset;
                double y = top + plotH * (1 - p.rate());
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                double y1 = top + plotH * (1 - p.low());
                double y2 = top + plotH * (1 - p.high());
                s.append(String.format(Locale.ROOT, "<line class=\"dose-ci\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" opacity=\"0.6\"/>",
                        x, y1, x, y2, color));
                s.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" data-netstat=\"%s\" "
                        + "data-rate=\"%.4f\"><title>%s, netstat %s: %d/%d</title></circle>", x, y, color, Html.esc(p.netstat()), p.rate(),
                        Html.esc(line.label()), Html.esc(p.netstat()), p.reproduced(), p.trials()));
            }
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"")
                    .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>");
            int ly = top + 10 + k * 18;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
                    left + plotW + 30, ly, left + plotW + 54, ly, color, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", left + plotW + 60, ly + 4,
                    Html.esc(line.label())));
            s.append("</g>");
        }
        return s.append("</svg>").toString();
    }
}
