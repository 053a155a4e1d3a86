package dev.reprolab.bisect;

import java.util.function.Consumer;

/** Drives a {@link BisectEngine} against an oracle that runs one trial at a level. */
public final class Bisector {

    /** Runs one trial at a level; true when the bug reproduced. Infrastructure errors must be retried by the oracle. */
    @FunctionalInterface
    public interface Oracle {
        boolean reproduces(int level);
    }

    /** One counted trial as the engine took it: the level tried, whether it reproduced, the estimate afterwards. */
    public record Step(int trials, int level, boolean reproduced, BisectEngine.Estimate estimate) {
    }

    private Bisector() {
    }

    public static BisectEngine.Estimate run(BisectEngine engine, Oracle oracle, double confidence, int budget, Consumer<String> log) {
        return run(engine, oracle, confidence, budget, log, s -> { });
    }

    /**
     * Checks both ends first (one trial each; the bad end not again when the engine's prior comes from trials that
     * saw it hang), then asks the engine where to look until it is {@code confidence} sure or {@code budget} trials
     * are spent. Each step is logged.
     */
    public static BisectEngine.Estimate run(BisectEngine engine, Oracle oracle, double confidence, int budget, Consumer<String> log,
                                            Consumer<Step> steps) {
        for (int end : new int[] {0, engine.levels() - 1}) {
            boolean shown = end == engine.badEnd() && engine.prior().showsBadEnd();
            if (!shown && engine.trials(end) == 0 && engine.totalTrials() < budget) {
                step(engine, oracle, end, log, steps, confidence);
            }
        }
        BisectEngine.Estimate e = engine.estimate(confidence);
        while (!e.decided(confidence) && engine.totalTrials() < budget) {
            e = step(engine, oracle, engine.next(), log, steps, confidence);
        }
        return e;
    }

    /** Runs and records one trial, logs it, and returns the new estimate. */
    private static BisectEngine.Estimate step(BisectEngine engine, Oracle oracle, int level, Consumer<String> log, Consumer<Step> steps,
                                              double confidence) {
        boolean hit = oracle.reproduces(level);
        engine.record(level, hit);
        BisectEngine.Estimate e = engine.estimate(confidence);
        log.accept(String.format(java.util.Locale.ROOT, "trial %3d at level %2d: %-10s best level %2d p=%.3f",
                engine.totalTrials(), level, hit ? "REPRODUCED" : "clean", e.level(), e.probability()));
        steps.accept(new Step(engine.totalTrials(), level, hit, e));
        return e;
    }
}
