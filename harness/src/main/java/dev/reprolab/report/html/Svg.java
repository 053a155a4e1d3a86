package dev.reprolab.report.html;

import dev.reprolab.windows.netstat.TcpState;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small inline-SVG charts for the self-contained summary (no scripts, no network, readable when printed). */
final class Svg {

    private Svg() {
    }

    /** One bar of the rate chart: a label, the rate and its interval, and whether it reproduced. */
    record RateBar(String label, int reproduced, int trials, double low, double high, String verdict) {
    }

    /** Horizontal bars of repro rate per cell with Wilson interval whiskers, 0–100 % axis. */
    static String rateChart(List<RateBar> bars) {
        int labelWidth = 300;
        int plotWidth = 420;
        int rowHeight = 28;
        int height = 40 + bars.size() * rowHeight;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"rate-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelWidth + plotWidth + 80)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"repro rate per cell\">");
        for (int pct = 0; pct <= 100; pct += 25) {
            double x = labelWidth + plotWidth * pct / 100.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", x, x, height - 10));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"14\" font-size=\"11\" text-anchor=\"middle\">%d%%</text>", x, pct));
        }
        int y = 30;
        for (RateBar b : bars) {
            double rate = b.trials() == 0 ? 0 : (double) b.reproduced() / b.trials();
            String color = switch (b.verdict()) {
                case "reproduces" -> "#c0392b";
                case "does-not" -> "#27ae60";
                default -> "#7f8c8d";
            };
            s.append("<g class=\"bar\" data-label=\"").append(Html.esc(b.label())).append("\" data-rate=\"")
                    .append(String.format(Locale.ROOT, "%.4f", rate)).append("\">");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                    labelWidth - 8, y + 13, Html.esc(b.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\" opacity=\"0.8\"/>",
                    labelWidth, y, plotWidth * rate, color));
            double x1 = labelWidth + plotWidth * b.low();
            double x2 = labelWidth + plotWidth * b.high();
            s.append(String.format(Locale.ROOT, "<line class=\"ci\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x1, y + 8, x2, y + 8));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x1, y + 3, x1, y + 13));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x2, y + 3, x2, y + 13));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d/%d</text>",
                    labelWidth + plotWidth + 8, y + 13, b.reproduced(), b.trials()));
            s.append("</g>");
            y += rowHeight;
        }
        return s.append("</svg>").toString();
    }

    /** One netstat snapshot reduced to what the timeline draws. */
    record Point(long elapsedMs, boolean listening, Map<TcpState, Integer> states) {
    }

    static final List<TcpState> STATES = List.of(TcpState.ESTABLISHED, TcpState.TIME_WAIT, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2,
            TcpState.SYN_RECEIVED);
    private static final List<String> COLORS = List.of("#2980b9", "#8e44ad", "#d35400", "#16a085", "#7f8c8d");

    /**
     * The port's story over time: a band where the listener is listed, one line per connection state (count of
     * connections on the port), and markers for the stop and the deadline.
     */
    static String timeline(String id, List<Point> points, long stopMs, long deadlineMs) {
        int w = 760;
        int h = 240;
        int left = 50;
        int right = 20;
        int top = 40;
        int bottom = 30;
        long maxT = Math.max(deadlineMs, points.isEmpty() ? 1 : points.get(points.size() - 1).elapsedMs());
        maxT = Math.max(maxT, 1);
        int maxCount = 1;
        for (Point p : points) {
            for (int c : p.states().values()) {
                maxCount = Math.max(maxCount, c);
            }
        }
        double sx = (double) (w - left - right) / maxT;
        double sy = (double) (h - top - bottom) / maxCount;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" id=\"").append(Html.esc(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w).append("\" height=\"").append(h).append("\" role=\"img\">");
        // listener band
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!p.listening()) {
                continue;
            }
            long next = i + 1 < points.size() ? points.get(i + 1).elapsedMs() : p.elapsedMs() + 200;
            s.append(String.format(Locale.ROOT, "<rect class=\"listening\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"#27ae60\"/>",
                    left + p.elapsedMs() * sx, 18, Math.max(1, (next - p.elapsedMs()) * sx)));
        }
        s.append("<text x=\"4\" y=\"27\" font-size=\"10\">LISTEN</text>");
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left, h - bottom, w - right, h - bottom));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">0</text>", left - 10, h - bottom));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%d</text>", left - 20, top + 4, maxCount));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%.1f s</text>",
                w - right, h - 8, maxT / 1000.0));
        for (int k = 0; k < STATES.size(); k++) {
            TcpState state = STATES.get(k);
            StringBuilder path = new StringBuilder();
            for (Point p : points) {
                int c = p.states().getOrDefault(state, 0);
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        left + p.elapsedMs() * sx, h - bottom - c * sy));
            }
            if (path.length() > 0) {
                s.append("<path class=\"state\" data-state=\"").append(state).append("\" d=\"").append(path)
                        .append("\" fill=\"none\" stroke=\"").append(COLORS.get(k)).append("\" stroke-width=\"1.5\"/>");
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s</text>",
                    left + 10 + k * 130, 12, COLORS.get(k), state));
        }
        marker(s, "stop", "stop issued", left + stopMs * sx, top, h - bottom, "#c0392b");
        marker(s, "deadline", "deadline", left + deadlineMs * sx, top, h - bottom, "#555");
        return s.append("</svg>").toString();
    }

    private static void marker(StringBuilder s, String cls, String label, double x, int y1, int y2, String color) {
        s.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                cls, x, y1, x, y2, color));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s</text>", x + 3, y1 + 10, color, label));
    }
}
