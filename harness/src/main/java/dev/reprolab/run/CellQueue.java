package dev.reprolab.run;

import dev.reprolab.stats.EarlyStop;
import dev.reprolab.trial.Experiment;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trials of cells that stop when decided ({@code trials: {max: N, stop: when-decided}}): a VM asking for work
 * gets a trial of a cell that is not settled yet ({@link EarlyStop}), never more in flight for a cell than it needs
 * if the rest go as the ones so far; a settled cell's remaining trials are freed, and once a cell has used its N
 * the freed ones go to it while it is still unsettled. The run never spends more than cells × N trials. A VM with
 * nothing to take while trials are still running waits: one of them may unsettle a cell again.
 */
final class CellQueue implements Experiment.TrialQueue {

    private static final class Cell {
        final TrialSpec template;
        final List<TrialSpec> planned = new ArrayList<>();
        int reproduced;
        int counted;
        int used;
        int inFlight;
        int nextNumber;

        Cell(TrialSpec template) {
            this.template = template;
        }
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final EarlyStop rule;
    private final int budget;
    private int extras;

    /**
     * @param plan the plan's trials of the cells to run, in the plan's order (trial numbers 1..max)
     * @param finished ids of the trials that finished earlier (a resumed run)
     * @param before what finished earlier: per {@code patchSet|cell}, {reproduced, counted, used, highest trial number}
     */
    CellQueue(List<TrialSpec> plan, Set<String> finished, Map<String, int[]> before, int max, EarlyStop rule) {
        this.rule = rule;
        for (TrialSpec t : plan) {
            Cell c = cells.computeIfAbsent(key(t), k -> new Cell(t));
            if (!finished.contains(t.trialId())) {
                c.planned.add(t);
            }
        }
        for (var e : before.entrySet()) {
            Cell c = cells.get(e.getKey());
            if (c != null) {
                c.reproduced = e.getValue()[0];
                c.counted = e.getValue()[1];
                c.used = e.getValue()[2];
                c.nextNumber = e.getValue()[3];
            }
        }
        for (Cell c : cells.values()) {
            c.nextNumber = Math.max(c.nextNumber, max) + 1;
        }
        this.budget = cells.size() * max;
    }

    static String key(TrialSpec t) {
        return t.patchSet() + "|" + t.cell();
    }

    @Override
    public synchronized TrialSpec take(String current, Set<String> prepared) {
        while (true) {
            List<Cell> open = new ArrayList<>();
            int reserved = 0;
            int used = 0;
            for (Cell c : cells.values()) {
                used += c.used + c.inFlight;
                boolean settled = rule.settled(c.reproduced, c.counted);
                if (!settled) {
                    reserved += c.planned.size();
                    int needed = rule.needed(c.reproduced, c.counted, budget);
                    if (c.counted + c.inFlight < needed) {
                        open.add(c);
                    }
                }
            }
            boolean extraAllowed = used + reserved < budget;
            Cell pick = null;
            for (Cell c : open) {
                if (c.planned.isEmpty() && !extraAllowed) {
                    continue;
                }
                boolean same = c.template.patchSet().equals(current);
                if (pick == null || same && !pick.template.patchSet().equals(current)
                        || !pick.template.patchSet().equals(current) && prepared.contains(c.template.patchSet())
                        && !prepared.contains(pick.template.patchSet())) {
                    pick = c;
                }
            }
            if (pick != null) {
                pick.inFlight++;
                if (!pick.planned.isEmpty()) {
                    return pick.planned.remove(0);
                }
                extras++;
                return renumber(pick.template, pick.nextNumber++);
            }
            if (cells.values().stream().allMatch(c -> c.inFlight == 0)) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    @Override
    public synchronized void done(TrialSpec t, StopCycle.Result r) {
        Cell c = cells.get(key(t));
        c.inFlight--;
        c.used++;
        if (r != null && r.outcome().counts()) {
            c.counted++;
            c.reproduced += r.outcome().reproduces() ? 1 : 0;
        }
        notifyAll();
    }

    /** Trials handed out beyond a cell's N (from trials other cells freed). */
    synchronized int extras() {
        return extras;
    }

    private static TrialSpec renumber(TrialSpec t, int n) {
        String id = t.trialId().substring(0, t.trialId().lastIndexOf('.') + 1) + String.format("%02d", n);
        return new TrialSpec(id, t.patchSet(), t.cell(), t.factors(), t.serviceName(), t.port(), t.netstatInterval(), t.loadClients(),
                t.loadRatePerClient(), t.warmup(), t.stopDeadline(), t.commandDeadline(), t.procdumpOnHang(), t.kernelDumpOnHang(),
                t.bootDeadline(), t.plan(), t.triage());
    }
}
