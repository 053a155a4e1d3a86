package dev.reprolab.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The console of an investigation: every line of the phase's own progress passes through, and after each finished
 * trial one status line — phase, trials done, VM-hours spent and an estimate of what is left against {@code --budget}.
 * Spent = the journals' count before the phase plus the pool held since the phase started; the estimate is the
 * phase's remaining trials at the mean VM-hours of a trial so far (for a bisect, its trial cap: an upper bound).
 */
final class InvestigationProgress implements Consumer<String> {

    /** lab run's and lab bisect's line for a finished trial. */
    private static final Pattern TRIAL_LINE = Pattern.compile("^(\\[[#-]{10}] |trial +\\d+ at level )");

    private final Consumer<String> out;
    private final Clock clock;
    private final String phase;
    private final InvestigationBudget before;
    private final int vms;
    private final int maxTrials;
    private final Instant started;
    private final int doneBefore;
    private int done;

    /**
     * @param before what the journals held when the phase started (earlier phases and sessions)
     * @param maxTrials the most trials this phase will run (including ones an earlier session finished)
     * @param doneBefore trials of this phase an earlier session finished
     */
    InvestigationProgress(Consumer<String> out, Clock clock, String phase, InvestigationBudget before, int vms, int maxTrials,
            int doneBefore) {
        this.out = out;
        this.clock = clock;
        this.phase = phase;
        this.before = before;
        this.vms = vms;
        this.maxTrials = maxTrials;
        this.started = clock.instant();
        this.doneBefore = doneBefore;
        this.done = doneBefore;
    }

    @Override
    public synchronized void accept(String line) {
        out.accept(line);
        if (TRIAL_LINE.matcher(line).find()) {
            done++;
            out.accept(status());
        }
    }

    /** {@code investigate: locate (cause) · 12 trials in this phase, 57 in all · 0.412 VM-h spent · ~0.150 VM-h left ...}. */
    synchronized String status() {
        double spent = before.spentHours() + vms * Duration.between(started, clock.instant()).toMillis() / 3_600_000.0;
        // the phase's earlier trials are in the journals' count already
        int all = before.trials() + done - doneBefore;
        double perTrial = all == 0 ? 0 : spent / all;
        double left = Math.max(0, maxTrials - done) * perTrial;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "investigate: %s · %d trials in this phase, %d in all · %.3f VM-h spent · "
                + "at most ~%.3f VM-h left in this phase", phase, done, all, spent, left));
        if (before.budget() != null) {
            double budget = before.budget();
            b.append(String.format(Locale.ROOT, " · budget %.3f VM-h, %.3f left%s", budget, Math.max(0, budget - spent),
                    spent + left > budget ? " (more than the budget leaves)" : ""));
        }
        return b.toString();
    }
}
