package dev.reprolab.fakes;

import dev.reprolab.journal.Outcome;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.Guest;
import dev.reprolab.trial.Experiment;
import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Stand-in for what a VM does with its guest ({@link Experiment.Stages}): a preparation takes the golden checkpoint on
 * the lab, a stop cycle runs one command on the guest and ends with the outcome the test scripts. Records which VM
 * prepared and ran what, and whether a trial carried the kernel-dump claim.
 */
public final class FakeStages implements Experiment.Stages {

    /** One stop cycle as it ran. */
    public record Ran(String vm, String trialId, String patchSet, boolean kernelDump, Outcome outcome) {
    }

    private final LabBackend lab;
    private final Queue<Ran> ran = new ConcurrentLinkedQueue<>();
    private final Queue<String> prepared = new ConcurrentLinkedQueue<>();
    private volatile BiFunction<String, TrialSpec, Outcome> outcome = (vm, t) -> Outcome.STOPPED_CLEANLY;
    private volatile Consumer<TrialSpec> during = t -> { };

    public FakeStages(LabBackend lab) {
        this.lab = lab;
    }

    /** Each stop cycle's outcome: {@code (vm, trial) -> outcome}; may throw, as a bug in the harness would. */
    public FakeStages outcomes(BiFunction<String, TrialSpec, Outcome> how) {
        this.outcome = how;
        return this;
    }

    /** Runs inside every stop cycle, before its outcome (tests hold VMs there to make them overlap). */
    public FakeStages during(Consumer<TrialSpec> hook) {
        this.during = hook;
        return this;
    }

    public List<Ran> ran() {
        return new ArrayList<>(ran);
    }

    /** {@code <vm> <patch set>} per preparation, in order. */
    public List<String> prepared() {
        return new ArrayList<>(prepared);
    }

    @Override
    public PatchSetPreparer.Prepared prepare(Experiment exp, String vm, Guest guest, PatchSetSpec ps, Path scratch) {
        guest.run("rem prepare " + ps.name(), Duration.ofSeconds(1));
        lab.checkpoint(vm, ps.goldenCheckpoint(), Duration.ofSeconds(1));
        prepared.add(vm + " " + ps.name());
        return new PatchSetPreparer.Prepared(ps.goldenCheckpoint(), ps.kbs(), Map.of("tcpip.sys", "6.1.7601.24168"));
    }

    @Override
    public StopCycle.Result cycle(Experiment exp, String vm, Guest guest, GuestAddress address, TrialSpec t, Path dir) {
        if (!guest.name().equals(vm) || !address.vm().equals(vm)) {
            throw new AssertionError(t.trialId() + " on " + vm + " got the guest of " + guest.name());
        }
        guest.run("sc stop " + t.serviceName(), t.commandDeadline());
        during.accept(t);
        Outcome o = outcome.apply(vm, t);
        ran.add(new Ran(vm, t.trialId(), t.patchSet(), t.kernelDumpOnHang(), o));
        return new StopCycle.Result(o, "fake " + o, Duration.ofMillis(1), List.of(), List.of());
    }
}
