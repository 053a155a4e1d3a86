package dev.reprolab.stats;

/**
 * When a cell has seen enough: its verdict is decided at 95 % (the {@link Verdict} rule: a hang reproduces; no
 * hang in enough trials rules out {@code minRate}) and, for a cell that reproduces, its rate's Wilson 95 %
 * interval is narrower than {@code rateWidth}. Stopping there is honest: the interval reported is the one the data
 * gives, it is only the cell's trial count that is smaller.
 */
public record EarlyStop(double minRate, double rateWidth) {

    public static final double DEFAULT_RATE_WIDTH = 0.3;

    public boolean settled(int reproduced, int counted) {
        Verdict v = Verdict.of(reproduced, counted, minRate);
        if (v == Verdict.UNDECIDED) {
            return false;
        }
        if (v == Verdict.DOES_NOT) {
            return true;
        }
        Proportion p = Proportion.wilson(reproduced, counted);
        return p.high() - p.low() < rateWidth;
    }

    /**
     * How many counted trials the cell needs if the trials still to come go as they have so far (at least one more
     * than now when it is not settled): what a scheduler may have in flight for it without overshooting.
     */
    public int needed(int reproduced, int counted, int cap) {
        if (settled(reproduced, counted)) {
            return counted;
        }
        if (reproduced == 0) {
            return Math.max(counted + 1, Verdict.trialsToRuleOut(minRate));
        }
        double rate = (double) reproduced / counted;
        for (int n = counted + 1; n < cap; n++) {
            if (settled((int) Math.round(rate * n), n)) {
                return n;
            }
        }
        return cap;
    }
}
