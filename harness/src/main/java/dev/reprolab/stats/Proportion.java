package dev.reprolab.stats;

/**
 * A repro rate k/n with its Wilson score interval (Wilson 1927; Newcombe 1998, method 3): unlike the normal
 * approximation it stays inside [0, 1] and is honest at k = 0 or k = n and for small n — the usual case here.
 */
public record Proportion(int successes, int trials, double low, double high) {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    public static Proportion wilson(int k, int n) {
        return wilson(k, n, Z95);
    }

    public static Proportion wilson(int k, int n, double z) {
        if (k < 0 || n < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + " n=" + n);
        }
        if (n == 0) {
            return new Proportion(0, 0, 0, 1);
        }
        double p = (double) k / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Proportion(k, n, k == 0 ? 0 : Math.max(0, centre - half), k == n ? 1 : Math.min(1, centre + half));
    }

    public double rate() {
        return trials == 0 ? 0 : (double) successes / trials;
    }
}
