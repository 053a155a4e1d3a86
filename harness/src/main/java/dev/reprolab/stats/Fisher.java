package dev.reprolab.stats;

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]] (rows: two cells; columns: reproduced, not). The two-sided
 * p-value sums the hypergeometric probabilities of every table with the same margins that is no more likely than
 * the observed one (the usual definition, as R's fisher.test).
 */
public final class Fisher {

    private Fisher() {
    }

    public static double twoSided(int a, int b, int c, int d) {
        int row1 = a + b;
        int col1 = a + c;
        int n = a + b + c + d;
        double observed = probability(a, row1, col1, n);
        double p = 0;
        int lo = Math.max(0, col1 - (n - row1));
        int hi = Math.min(row1, col1);
        for (int x = lo; x <= hi; x++) {
            double px = probability(x, row1, col1, n);
            if (px <= observed * (1 + 1e-7)) {
                p += px;
            }
        }
        return Math.min(1, p);
    }

    /** P(top-left = x) for fixed margins. */
    static double probability(int x, int row1, int col1, int n) {
        return Math.exp(logChoose(row1, x) + logChoose(n - row1, col1 - x) - logChoose(n, col1));
    }

    static double logChoose(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }
}
