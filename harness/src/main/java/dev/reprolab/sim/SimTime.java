package dev.reprolab.sim;

import java.time.Duration;

/**
 * How long things take on the simulated lab relative to a real one. The durations the sim models are a real 2008 R2's
 * (dism of a rollup: minutes; WinRM's MaxTimeoutms: 60 s); one scale shrinks all of them alike, so their ratios — a
 * dism silent for longer than the OperationTimeout — hold in every sim run while a run still takes minutes, not
 * hours. Set with {@code -Dreprolab.sim.timeScale=1} (real time) or through {@code LAB_JAVA_OPTS}.
 */
public final class SimTime {

    /** The default: a hundredth of real time (a 90 s dism runs 0.9 s; a Receive is faulted TimedOut after 0.6 s). */
    public static final double DEFAULT_SCALE = 0.01;
    public static final String PROPERTY = "reprolab.sim.timeScale";

    private SimTime() {
    }

    public static double scale() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_SCALE;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the one clear error below
        }
        throw new IllegalArgumentException(PROPERTY + "=" + v + ": a number in (0, 1] was expected");
    }

    /** What {@code real} (a duration on a real machine) lasts on the simulated lab. */
    public static Duration scaled(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() * scale()));
    }
}
