package dev.reprolab.stats;

/**
 * What a cell's (or patch set's) counts say, infrastructure errors already left out.
 *
 * <ul>
 * <li>{@code REPRODUCES}: at least one trial showed the hang. The classifier demands the full signature (stuck
 *     checkpoint, unkillable process or a listener outliving its process), so a single hang is evidence, not noise.
 * <li>{@code DOES_NOT}: no hang in enough trials to rule out a repro rate of {@code minRate} or more at 95 %:
 *     (1 − minRate)^n ≤ 0.05 — e.g. 5 trials for minRate 0.5, 29 for 0.1.
 * <li>{@code UNDECIDED}: no hang yet, too few trials to say it does not.
 * </ul>
 */
public enum Verdict {
    REPRODUCES("reproduces"), DOES_NOT("does-not"), UNDECIDED("undecided");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Verdict of(int reproduced, int counted, double minRate) {
        if (reproduced > 0) {
            return REPRODUCES;
        }
        return Math.pow(1 - minRate, counted) <= 0.05 ? DOES_NOT : UNDECIDED;
    }

    /** Clean trials needed, with none reproducing, to say "does not" for this minimum rate. */
    public static int trialsToRuleOut(double minRate) {
        return (int) Math.ceil(Math.log(0.05) / Math.log(1 - minRate));
    }
}
