package dev.reprolab.scenario;

import dev.reprolab.remote.FileChannel;
import dev.reprolab.workload.Installer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.reprolab.workload.ReproducedWhen;
import dev.reprolab.workload.Steps;
import dev.reprolab.workload.Workload;
import dev.reprolab.workload.WorkloadPlan;

/**
 * A validated scenario: what workload to cycle, which patch sets to compare, which factors to sweep, how many trials per
 * cell, the deadlines, the dump policy and the expectations. Paths are resolved against the scenario's directory.
 */
public record Scenario(Path file, String name, String description, Lab lab, Workload workload, Updates updates,
                       List<PatchSet> patchSets, List<Duration> netstatIntervals, List<Load> loads, int trials,
                       double minRate, Deadlines deadlines, Dumps dumps, Optional<Bisect> bisect, Steps steps,
                       ReproducedWhen reproducedWhen, dev.reprolab.triage.TriageSpec triage,
                       Optional<dev.reprolab.stats.EarlyStop> earlyStop) {

    /** The workload with the scenario's steps and rule: what preparations and trials are given. */
    public WorkloadPlan plan() {
        return new WorkloadPlan(workload, steps, reproducedWhen);
    }

    /**
     * @param fileServer for {@code fileChannel: http}: where the controller serves files to the guests
     */
    public record Lab(String backend, Optional<Path> config, int guests, String baseCheckpoint, FileChannel fileChannel,
                      FileServer fileServer) {
    }

    /**
     * The controller's HTTP file server: the address the guests fetch from (empty: the controller's address on the
     * route to each guest), the local address to bind (empty: that address), the port (0: any free one).
     */
    public record FileServer(Optional<String> address, Optional<String> bind, int port) {
    }

    public record Updates(Path catalog, Path packages, Installer installer) {
    }

    /** A named set of updates, in catalog order, with what it is expected to show. */
    public record PatchSet(String name, List<String> kbs, Optional<String> expect, Map<String, String> expectCells) {

        /**
         * The expectation of one cell: its own if given, else the patch set's; {@code none} says the cell's rate is
         * reported but not judged (a flaky cell whose rate is below the scenario's minRate may honestly end either way).
         */
        public Optional<String> expectation(String cellId) {
            return Optional.ofNullable(expectCells.get(cellId)).or(this::expect).filter(e -> !e.equals("none"));
        }
    }

    /** A load level: concurrent clients and requests per second per client (0 = as fast as possible). */
    public record Load(String name, int clients, double rate) {
    }

    /**
     * @param transfer     the floor of every file transfer's deadline
     * @param transferRate the slowest transfer rate still counted as progress, in bytes a second: a transfer of N
     *                     bytes may take {@code transfer + N / transferRate}
     */
    public record Deadlines(Duration warmup, Duration stop, Duration boot, Duration command, Duration transfer, long transferRate) {
    }

    public record Dumps(boolean procdumpOnHang, boolean kernelFirstHangPerPatchSet) {
    }

    public record Bisect(String levels, double confidence, int budget) {
    }

    /** One cell: a patch set with one value of every factor. */
    public record Cell(PatchSet patchSet, Optional<Duration> netstat, Load load) {

        /** A stable id such as {@code netstat=200ms,load=busy}. */
        public String id() {
            return "netstat=" + netstat.map(dev.reprolab.lab.config.Durations::format).orElse("off") + ",load=" + load.name();
        }

        public Map<String, String> factors() {
            return Map.of("netstat", netstat.map(dev.reprolab.lab.config.Durations::format).orElse("off"), "load", load.name());
        }
    }

    /** Every cell: patch sets × netstat intervals × loads, in that order. */
    public List<Cell> cells() {
        List<Cell> out = new java.util.ArrayList<>();
        for (PatchSet p : patchSets) {
            for (Duration n : netstatIntervals) {
                for (Load l : loads) {
                    out.add(new Cell(p, n.isZero() ? Optional.empty() : Optional.of(n), l));
                }
            }
        }
        return out;
    }
}
