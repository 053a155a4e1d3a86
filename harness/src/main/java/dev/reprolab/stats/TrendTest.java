package dev.reprolab.stats;

import java.util.List;

/**
 * The Cochran–Armitage test for a trend in proportions across ordered groups (Cochran 1954, Armitage 1955): does
 * the repro rate rise (or fall) with a factor's level — polling rate, load — rather than differ at random? Each
 * group has a score (its dose: polls per second, say), trials and reproductions. The statistic is
 *
 * <pre>
 *   T = Σ tᵢ (rᵢ − nᵢ p̄),   Var T = p̄ (1 − p̄) Σ nᵢ (tᵢ − t̄)²,   z = T / √Var T
 * </pre>
 *
 * with p̄ the pooled rate and t̄ the trial-weighted mean score; the two-sided p-value is that of |z| under the
 * standard normal. This is Agresti's M² = (N − 1) r² up to the factor N / (N − 1) (Categorical Data Analysis,
 * 2nd ed., §3.4.6, checked against its worked example in the tests).
 */
public final class TrendTest {

    /** One ordered group. */
    public record Group(double score, int reproduced, int trials) {
    }

    /** The statistic, its two-sided p-value, and the direction of the trend. */
    public record Result(double z, double pValue, int groups, int trials) {

        /** Whether there is something to test: at least two groups with trials, and the rate not 0 or 1 everywhere. */
        public boolean testable() {
            return !Double.isNaN(z);
        }

        public String direction() {
            return !testable() ? "none" : z > 0 ? "rises" : z < 0 ? "falls" : "flat";
        }
    }

    private TrendTest() {
    }

    public static Result cochranArmitage(List<Group> groups) {
        int n = 0;
        int r = 0;
        double sumNt = 0;
        int used = 0;
        for (Group g : groups) {
            if (g.trials() < 0 || g.reproduced() < 0 || g.reproduced() > g.trials()) {
                throw new IllegalArgumentException("need 0 <= reproduced <= trials, got " + g.reproduced() + "/" + g.trials());
            }
            n += g.trials();
            r += g.reproduced();
            sumNt += g.trials() * g.score();
            used += g.trials() > 0 ? 1 : 0;
        }
        if (n == 0 || used < 2 || r == 0 || r == n) {
            return new Result(Double.NaN, 1.0, used, n);
        }
        double p = (double) r / n;
        double tBar = sumNt / n;
        double t = 0;
        double ss = 0;
        for (Group g : groups) {
            t += g.score() * (g.reproduced() - g.trials() * p);
            ss += g.trials() * (g.score() - tBar) * (g.score() - tBar);
        }
        if (ss == 0) {
            return new Result(Double.NaN, 1.0, used, n);
        }
        double z = t / Math.sqrt(p * (1 - p) * ss);
        return new Result(z, Math.min(1, erfc(Math.abs(z) / Math.sqrt(2))), used, n);
    }

    /** The complementary error function, fractional error below 1.2e-7 everywhere (Numerical Recipes' erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
