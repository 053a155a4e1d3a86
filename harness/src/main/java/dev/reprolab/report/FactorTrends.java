package dev.reprolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.stats.TrendTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Cochran–Armitage trend of the repro rate across the ordered levels of every ordered factor of a run, the
 * other factor held fixed: netstat polling (score = polls per second, see {@link Trends}) per patch set and load,
 * and load per patch set and polling interval. Load levels are ordered by the requests a second they offer
 * (clients × rate; a rate of 0 is an open loop, as fast as the guest answers, so the heaviest), ties by clients,
 * then the scenario's order; their score is that rank (0 = lightest), the usual equally spaced scores for an
 * ordinal factor without a dose. Built from results.json cells ({@code loadLevel} carries clients and rate; cells of
 * runs written before it keep the scenario's order), so {@code lab compare}, summary.html and summary.md agree.
 */
public final class FactorTrends {

    /** One level of the factor tested: its value, score and counts. */
    public record Point(String level, double score, int reproduced, int trials) {

        public double rate() {
            return trials == 0 ? 0 : (double) reproduced / trials;
        }
    }

    /**
     * One test: {@code factor} ({@code netstat} or {@code load}) across its levels on {@code patchSet}, the other
     * factor held at {@code held} (a load name for a netstat series, a polling interval for a load series).
     */
    public record Series(String factor, String patchSet, String held, List<Point> points, TrendTest.Result trend) {

        /** {@code july-2018 under light load} or {@code july-2018 with netstat every 5s} / {@code ... without netstat}. */
        public String where() {
            if (factor.equals("netstat")) {
                return patchSet + " under " + held + " load";
            }
            return patchSet + (held.equals("off") ? " without netstat" : " with netstat every " + held);
        }
    }

    private FactorTrends() {
    }

    /** Every factor's series, netstat first (in {@link Trends}' order), then load. */
    public static List<Series> of(List<JsonNode> cells) {
        List<Series> out = new ArrayList<>();
        for (Trends.Series s : Trends.of(cells)) {
            out.add(new Series("netstat", s.patchSet(), s.load(), s.points().stream()
                    .map(p -> new Point(p.netstat(), p.pollsPerSecond(), p.reproduced(), p.trials())).toList(), s.trend()));
        }
        List<String> loads = loadOrder(cells);
        Map<String, List<Point>> byLine = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (JsonNode c : cells) {
            String load = c.path("factors").path("load").asText("");
            if (load.isEmpty()) {
                continue;
            }
            String set = c.path("patchSet").asText();
            String netstat = c.path("factors").path("netstat").asText("");
            String key = set + "\u0000" + netstat;
            keys.putIfAbsent(key, new String[] {set, netstat});
            byLine.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(load, loads.indexOf(load), c.path("reproduced").asInt(),
                    c.path("trials").asInt()));
        }
        byLine.forEach((key, points) -> {
            points.sort(Comparator.comparingDouble(Point::score));
            TrendTest.Result trend = TrendTest.cochranArmitage(points.stream()
                    .map(p -> new TrendTest.Group(p.score(), p.reproduced(), p.trials())).toList());
            out.add(new Series("load", keys.get(key)[0], keys.get(key)[1], List.copyOf(points), trend));
        });
        return out;
    }

    /** The load levels of the cells, lightest first. */
    public static List<String> loadOrder(List<JsonNode> cells) {
        Map<String, double[]> levels = new LinkedHashMap<>();
        for (JsonNode c : cells) {
            String load = c.path("factors").path("load").asText("");
            if (load.isEmpty() || levels.containsKey(load)) {
                continue;
            }
            JsonNode l = c.path("loadLevel");
            double clients = l.path("clients").asDouble(0);
            double rate = l.path("rate").asDouble(0);
            // no loadLevel (an older results.json): NaN keys keep the scenario's order among those levels
            double offered = l.isMissingNode() ? Double.NaN : rate <= 0 ? Double.POSITIVE_INFINITY : clients * rate;
            levels.put(load, new double[] {offered, l.isMissingNode() ? Double.NaN : clients, levels.size()});
        }
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(levels.entrySet());
        if (sorted.stream().noneMatch(e -> Double.isNaN(e.getValue()[0]))) {
            sorted.sort(Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> e.getValue()[0])
                    .thenComparingDouble(e -> e.getValue()[1]).thenComparingDouble(e -> e.getValue()[2]));
        }
        return sorted.stream().map(Map.Entry::getKey).toList();
    }

    /** What a factor's trend is against, for sentences and headings. */
    static String against(String factor) {
        return factor.equals("netstat") ? "the netstat polling rate" : "the load";
    }

    /** One sentence on every factor's trend, for summaries. */
    public static String sentence(List<Series> series) {
        List<Series> testable = series.stream().filter(s -> s.points().size() > 1).toList();
        if (testable.isEmpty()) {
            return "The run has fewer than two levels of netstat polling and of load, so there is no trend to test.";
        }
        List<Series> trending = testable.stream().filter(s -> s.trend().testable() && s.trend().pValue() < 0.05).toList();
        List<String> factors = testable.stream().map(Series::factor).distinct().toList();
        String scores = "score = polls per second" + (factors.contains("load") ? " for polling, the load's rank from lightest ("
                + String.join(" < ", loadNames(testable)) + ") for load" : "");
        if (trending.isEmpty()) {
            return "No series shows a trend of the repro rate across " + String.join(" or ",
                    factors.stream().map(f -> f.equals("netstat") ? "netstat polling rates" : "load levels").toList())
                    + " (Cochran–Armitage, " + scores + "; every p ≥ 0.05).";
        }
        List<String> clauses = new ArrayList<>();
        for (String factor : factors) {
            for (String dir : List.of("rises", "falls")) {
                List<String> parts = new ArrayList<>();
                for (Series s : trending) {
                    if (s.factor().equals(factor) && s.trend().direction().equals(dir)) {
                        parts.add(String.format(Locale.ROOT, "on %s (from %.0f %% to %.0f %%, %s)", s.where(),
                                100 * s.points().get(0).rate(), 100 * s.points().get(s.points().size() - 1).rate(),
                                Trends.describe(s.trend())));
                    }
                }
                if (!parts.isEmpty()) {
                    clauses.add(dir + " with " + against(factor) + " " + String.join(", ", parts));
                }
            }
        }
        int quiet = testable.size() - trending.size();
        return "The repro rate " + String.join("; it ", clauses) + " (Cochran–Armitage trend test, " + scores
                + (quiet > 0 ? "; the other " + quiet + " series show no trend at p < 0.05" : "") + ").";
    }

    private static List<String> loadNames(List<Series> series) {
        return series.stream().filter(s -> s.factor().equals("load")).findFirst()
                .map(s -> s.points().stream().map(Point::level).toList()).orElse(List.of());
    }
}
