package dev.reprolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprolab.lab.config.Durations;
import dev.reprolab.stats.TrendTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dose-response of a run: the repro rate against the netstat polling rate, one series per patch set and load
 * level, each with its Cochran–Armitage trend test. The dose of a polling interval is polls per second (off = 0,
 * 5 s = 0.2, 1 s = 1, 200 ms = 5): an enumeration is what races with the churn, so that is the scale on which
 * the odds grow. Built from results.json cells (or {@code lab compare}'s tallies), so every report agrees.
 */
public final class Trends {

    /** One point: a polling interval's counts and interval. */
    public record Point(String netstat, double pollsPerSecond, int reproduced, int trials, double low, double high) {

        public double rate() {
            return trials == 0 ? 0 : (double) reproduced / trials;
        }
    }

    /** One line of the chart: a patch set under one load level, points in order of polling rate. */
    public record Series(String patchSet, String load, List<Point> points, TrendTest.Result trend) {

        public String label() {
            return patchSet + " · " + load;
        }
    }

    private Trends() {
    }

    /** Polls per second of a netstat factor value ({@code off}, {@code 5s}, {@code 200ms}); empty if not a duration. */
    public static Optional<Double> pollsPerSecond(String netstat) {
        if (netstat.equals("off")) {
            return Optional.of(0.0);
        }
        try {
            double s = Durations.parse(Path.of("results.json"), netstat).toNanos() / 1e9;
            return s > 0 ? Optional.of(1 / s) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The series of results.json cells (fields patchSet, factors.netstat, factors.load, reproduced, trials, ciLow, ciHigh). */
    public static List<Series> of(List<JsonNode> cells) {
        Map<String, List<Point>> byLine = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (JsonNode c : cells) {
            String netstat = c.path("factors").path("netstat").asText("");
            Optional<Double> dose = pollsPerSecond(netstat);
            if (dose.isEmpty()) {
                continue;
            }
            String set = c.path("patchSet").asText();
            String load = c.path("factors").path("load").asText("");
            String key = set + "\u0000" + load;
            keys.putIfAbsent(key, new String[] {set, load});
            byLine.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(netstat, dose.get(), c.path("reproduced").asInt(),
                    c.path("trials").asInt(), c.path("ciLow").asDouble(0), c.path("ciHigh").asDouble(1)));
        }
        List<Series> out = new ArrayList<>();
        byLine.forEach((key, points) -> {
            points.sort(Comparator.comparingDouble(Point::pollsPerSecond));
            TrendTest.Result trend = TrendTest.cochranArmitage(points.stream()
                    .map(p -> new TrendTest.Group(p.pollsPerSecond(), p.reproduced(), p.trials())).toList());
            out.add(new Series(keys.get(key)[0], keys.get(key)[1], List.copyOf(points), trend));
        });
        return out;
    }

    /** {@code z = 4.12, p = 3.8e-05} or {@code not testable} (fewer than two levels, or the same rate everywhere). */
    public static String describe(TrendTest.Result t) {
        return t.testable() ? String.format(Locale.ROOT, "z = %.2f, p = %.2g", t.z(), t.pValue())
                : "not testable (" + (t.groups() < 2 ? "fewer than two levels with trials" : "the same 0 % or 100 % everywhere") + ")";
    }

    /** One sentence on the trend across polling rates, for summaries. */
    public static String sentence(List<Series> series) {
        List<Series> testable = series.stream().filter(s -> s.points().size() > 1).toList();
        if (testable.isEmpty()) {
            return "The run has fewer than two netstat polling levels, so there is no trend to test.";
        }
        List<Series> rising = testable.stream().filter(s -> s.trend().testable() && s.trend().pValue() < 0.05).toList();
        if (rising.isEmpty()) {
            return "No series shows a trend of the repro rate across netstat polling rates (Cochran–Armitage, every p ≥ 0.05).";
        }
        List<String> parts = new ArrayList<>();
        for (Series s : rising) {
            parts.add(String.format(Locale.ROOT, "%s under %s load (%s %.0f %% to %.0f %%, %s)", s.patchSet(), s.load(),
                    s.trend().direction().equals("rises") ? "from" : "falling from", 100 * s.points().get(0).rate(),
                    100 * s.points().get(s.points().size() - 1).rate(), describe(s.trend())));
        }
        String dir = rising.stream().allMatch(s -> s.trend().z() > 0) ? "rises" : "changes";
        return "The repro rate " + dir + " with the netstat polling rate on " + String.join("; ", parts)
                + " (Cochran–Armitage trend test, score = polls per second" + (rising.size() < testable.size()
                ? "; the other " + (testable.size() - rising.size()) + " series show no trend at p < 0.05" : "") + ").";
    }
}
