package dev.reprolab.fakes;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.LabBackend;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.Credentials;
import dev.reprolab.remote.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LabBackend} in memory: VMs with checkpoints and a power state, every call recorded, restores that fail on
 * demand. For tests of what the harness does around a backend (which VM gets which work, what happens when one breaks)
 * in milliseconds; what a real backend does to a VM is the simulated lab's job.
 */
public final class FakeLab implements LabBackend {

    private final List<String> vms;
    private final Map<String, Set<String>> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, VmState> states = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> restoreFailures = new ConcurrentHashMap<>();
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private volatile Runnable onRestoreFailure = () -> { };
    private volatile boolean closed;

    /** VMs with the given names, each running and holding a {@code clean} checkpoint. */
    public FakeLab(String... vms) {
        this.vms = List.of(vms);
        for (String vm : vms) {
            checkpoints.put(vm, ConcurrentHashMap.newKeySet());
            checkpoints.get(vm).add("clean");
            states.put(vm, VmState.RUNNING);
        }
    }

    /** The next {@code times} restores of {@code vm} fail with a {@link LabException} ({@link Integer#MAX_VALUE}: all). */
    public FakeLab failRestores(String vm, int times) {
        restoreFailures.put(vm, new AtomicInteger(times));
        return this;
    }

    /** Runs {@code r} after each injected restore failure (tests use it to order the VMs' work). */
    public FakeLab onRestoreFailure(Runnable r) {
        this.onRestoreFailure = r;
        return this;
    }

    /** Adds a checkpoint as if an earlier run had taken it. */
    public FakeLab withCheckpoint(String vm, String checkpoint) {
        checkpoints.get(known(vm)).add(checkpoint);
        return this;
    }

    /** Every call so far, in order: {@code restore lab-01 golden-july}, {@code checkpoint ...}, {@code address ...}. */
    public List<String> calls() {
        return new ArrayList<>(calls);
    }

    /** The calls that start with {@code prefix}. */
    public List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<String> vms() {
        return vms;
    }

    @Override
    public VmState state(String vm, Duration deadline) {
        calls.add("state " + vm);
        return states.get(known(vm));
    }

    @Override
    public void start(String vm, Duration deadline) {
        calls.add("start " + vm);
        states.put(known(vm), VmState.RUNNING);
    }

    @Override
    public void stop(String vm, StopMode mode, Duration deadline) {
        calls.add("stop " + vm + " " + mode);
        states.put(known(vm), VmState.OFF);
    }

    @Override
    public void checkpoint(String vm, String checkpoint, Duration deadline) {
        calls.add("checkpoint " + vm + " " + checkpoint);
        checkpoints.get(known(vm)).add(checkpoint);
    }

    @Override
    public List<String> checkpoints(String vm, Duration deadline) {
        calls.add("checkpoints " + vm);
        return List.copyOf(checkpoints.get(known(vm)));
    }

    @Override
    public void restore(String vm, String checkpoint, Duration deadline) {
        calls.add("restore " + vm + " " + checkpoint);
        AtomicInteger failures = restoreFailures.get(known(vm));
        if (failures != null && failures.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
            onRestoreFailure.run();
            throw new LabException(vm + ": restore of " + checkpoint + " failed (injected)");
        }
        if (!checkpoints.get(vm).contains(checkpoint)) {
            throw new LabException(vm + ": no checkpoint " + checkpoint);
        }
        states.put(vm, VmState.RUNNING);
    }

    @Override
    public GuestAddress address(String vm, Duration deadline) {
        calls.add("address " + vm);
        return new GuestAddress(known(vm), vm + ".fake", 5985, false, new Credentials("Administrator", Secret.of("fake-pw")),
                Optional.empty(), Map.of());
    }

    @Override
    public void close() {
        closed = true;
    }

    private String known(String vm) {
        if (!checkpoints.containsKey(vm)) {
            throw new IllegalArgumentException("no VM " + vm + " in the fake lab"); // a bug in the caller, not the lab
        }
        return vm;
    }
}
