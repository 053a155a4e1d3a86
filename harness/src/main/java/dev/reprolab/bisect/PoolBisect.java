package dev.reprolab.bisect;

import dev.reprolab.journal.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A bisect on a pool of VMs, as a state machine the caller drives: a free VM asks {@link #dispatch} for a level,
 * a finished trial is {@link #finished reported} with its outcome. The same machine runs under the lab's worker
 * threads ({@code lab bisect}) and in the benchmark's rounds ({@code lab bench bisect --vms K}), so what the bench
 * measures is what the lab does. Not thread-safe: the caller holds one lock around it.
 *
 * <p>Infrastructure errors tell nothing about a level: the trial is retried on another VM (where there is one),
 * up to {@code maxInfra} times per level; one more and the bisect stops, undecided, saying which VM failed and
 * why. A VM that fails three trials in a row leaves the pool, as in {@code lab run}; a pool left empty stops the
 * bisect the same way.
 */
public final class PoolBisect {

    /** What a trial's outcome means to the bisect. */
    public enum Evidence { REPRODUCED, CLEAN, NOT_COUNTED }

    /** A VM that fails this many trials in a row is taken out of the pool. */
    public static final int VM_STRIKES = 3;

    /** A free VM waits when the running trials decide the bisect with at least this chance. */
    static final double WAIT_WHEN_DECIDING = 0.5;

    /**
     * The one place a trial outcome becomes evidence. A hang is evidence only when the outcome says it is the bug's
     * own; an infrastructure error is no evidence; anything else is a trial that did not show the bug.
     */
    public static Evidence evidence(Outcome o) {
        if (!o.counts()) {
            return Evidence.NOT_COUNTED;
        }
        return o.reproduces() ? Evidence.REPRODUCED : Evidence.CLEAN;
    }

    private final BisectEngine engine;
    private final BatchPlanner planner;
    private final double confidence;
    private final int budget;
    private final int maxInfra;
    private final Set<String> pool;
    private final Map<String, Integer> running = new LinkedHashMap<>();
    private final Map<String, Integer> strikes = new HashMap<>();
    private final Map<String, String> removed = new LinkedHashMap<>();
    private final int[] infra;
    private final Deque<Integer> checks = new ArrayDeque<>();
    /** Levels whose trial hit an infrastructure error, to rerun, with the VMs that failed them. */
    private final List<Integer> retries = new ArrayList<>();
    private final Map<Integer, Set<String>> failedOn = new HashMap<>();
    private String stopped;

    public PoolBisect(BisectEngine engine, BatchPlanner planner, List<String> vms, double confidence, int budget, int maxInfra) {
        this.engine = engine;
        this.planner = planner;
        this.pool = new LinkedHashSet<>(vms);
        this.confidence = confidence;
        this.budget = budget;
        this.maxInfra = maxInfra;
        this.infra = new int[engine.levels()];
    }

    /** A trial from an earlier, interrupted bisect (its journal): counted as if it had just finished, no VM. */
    public void replay(int level, Outcome o) {
        switch (evidence(o)) {
            case REPRODUCED -> engine.record(level, true);
            case CLEAN -> engine.record(level, false);
            case NOT_COUNTED -> infra[level]++;
        }
    }

    /**
     * Queues the checks of the ends that have no trial yet: both, except the bad end when the prior comes from
     * trials that saw it hang. Call once, after replaying.
     */
    public void checkEnds() {
        for (int end : new int[] {0, engine.levels() - 1}) {
            boolean shown = end == engine.badEnd() && engine.prior().showsBadEnd();
            if (!shown && engine.trials(end) == 0) {
                checks.add(end);
            }
        }
    }

    /**
     * The level a free VM should run now, or empty when nothing should start (decided, budget taken by what runs,
     * stopped, or the VM has left the pool).
     */
    public OptionalInt dispatch(String vm, Set<Integer> prepared) {
        if (stopped != null || !pool.contains(vm) || running.containsKey(vm)
                || engine.totalTrials() + running.size() >= budget) {
            return OptionalInt.empty();
        }
        Integer level = null;
        for (var it = retries.iterator(); it.hasNext() && level == null; ) {
            int r = it.next();
            Set<String> failed = failedOn.get(r);
            if (!failed.contains(vm) || failed.containsAll(pool)) {
                level = r;
                it.remove();
            }
        }
        if (level == null && !checks.isEmpty()) {
            level = checks.poll();
        }
        if (level == null) {
            // decided on the finished trials: the running ones can only confirm or undo it, a new one adds nothing yet
            if (engine.estimate(confidence).decided(confidence)) {
                return OptionalInt.empty();
            }
            // the running trials will probably decide it: this VM waits for them rather than spend a trial
            if (!running.isEmpty() && BatchPlanner.chanceDecided(engine, List.copyOf(running.values()), confidence) >= WAIT_WHEN_DECIDING) {
                return OptionalInt.empty();
            }
            long seed = engine.totalTrials() * 1_000_003L + running.size() * 7919L + vm.hashCode();
            level = planner.next(engine, running.values(), prepared, seed);
        }
        running.put(vm, level);
        return OptionalInt.of(level);
    }

    /** A trial a VM was given has ended. */
    public void finished(String vm, int level, Outcome o, String reason) {
        Integer was = running.remove(vm);
        if (was == null || was != level) {
            throw new IllegalStateException(vm + " was not running a trial at level " + level);
        }
        Evidence ev = evidence(o);
        if (ev != Evidence.NOT_COUNTED) {
            engine.record(level, ev == Evidence.REPRODUCED);
            strikes.put(vm, 0);
            return;
        }
        infra[level]++;
        int s = strikes.merge(vm, 1, Integer::sum);
        String why = reason != null && reason.startsWith(vm + ":") ? reason : vm + ": " + reason;
        if (s >= VM_STRIKES) {
            pool.remove(vm);
            removed.put(vm, reason);
        }
        if (stopped != null) {
            return; // the first reason to stop stands; trials that were still running only finish
        }
        if (infra[level] > maxInfra) {
            stopped = String.format(Locale.ROOT, "level %d had %d infrastructure errors (at most %d retried); the last on %s",
                    level, infra[level], maxInfra, why);
        } else if (pool.isEmpty()) {
            StringBuilder b = new StringBuilder("every VM left the pool after " + VM_STRIKES + " infrastructure errors in a row: ");
            removed.forEach((v, r) -> b.append(v).append(" (").append(r).append("); "));
            stopped = b.substring(0, b.length() - 2);
        } else {
            failedOn.computeIfAbsent(level, k -> new HashSet<>()).add(vm);
            retries.add(level);
        }
    }

    /** Whether the bisect is over: nothing runs and nothing more will start. */
    public boolean over() {
        if (!running.isEmpty()) {
            return false;
        }
        return stopped != null || pool.isEmpty() || engine.totalTrials() >= budget || engine.estimate(confidence).decided(confidence);
    }

    /** Why the bisect stopped undecided because of the lab, if it did. */
    public Optional<String> infrastructureStop() {
        return Optional.ofNullable(stopped);
    }

    /** Whether the VM is still in the pool. */
    public boolean serves(String vm) {
        return pool.contains(vm);
    }

    /** VMs taken out of the pool, with the last error of each. */
    public Map<String, String> removed() {
        return Map.copyOf(removed);
    }

    public Map<String, Integer> running() {
        return Map.copyOf(running);
    }

    public int infrastructureErrors(int level) {
        return infra[level];
    }

    public BisectEngine engine() {
        return engine;
    }

    public BisectEngine.Estimate estimate() {
        return engine.estimate(confidence);
    }
}
