package dev.reprolab.fakes;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.FileChannel;
import dev.reprolab.remote.Guest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link Guest} in memory: commands get the answer a test scripts (exit 0 and no output by default), every command
 * and transfer is recorded, and a VM can be made unreachable. {@link Connector} is what the harness's
 * {@code connect} function becomes in a test; it counts connections opened and closed, so a test can check none leaks.
 */
public final class FakeGuest implements Guest {

    private static final Instant BOOTED = Instant.parse("2026-11-25T03:00:00Z");

    private final String vm;
    private final Connector connector;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeGuest(String vm, Connector connector) {
        this.vm = vm;
        this.connector = connector;
    }

    /** Makes {@link FakeGuest}s, one per {@code connect(address)}. */
    public static final class Connector implements Function<GuestAddress, Guest> {
        private final Queue<String> log = new ConcurrentLinkedQueue<>();
        private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
        private final Set<FakeGuest> open = ConcurrentHashMap.newKeySet();
        private volatile BiFunction<String, String, CommandResult> answers = (vm, cmd) -> new CommandResult(cmd, 0, "", "", Duration.ZERO);

        @Override
        public Guest apply(GuestAddress address) {
            FakeGuest g = new FakeGuest(address.vm(), this);
            open.add(g);
            log.add(address.vm() + " connect");
            return g;
        }

        /** How commands are answered: {@code (vm, commandLine) -> result}. */
        public Connector answering(BiFunction<String, String, CommandResult> how) {
            this.answers = how;
            return this;
        }

        /** The guest of {@code vm} never answers again (waits for it end at once with a {@link LabException}). */
        public Connector unreachable(String vm) {
            unreachable.add(vm);
            return this;
        }

        /** Connections not closed yet. */
        public int open() {
            return open.size();
        }

        /** {@code <vm> connect}, {@code <vm> run <command>}, {@code <vm> upload <path>}, ... in order. */
        public List<String> log() {
            return new ArrayList<>(log);
        }
    }

    @Override
    public String name() {
        return vm;
    }

    @Override
    public CommandResult run(String commandLine, Duration deadline) {
        return run(commandLine, deadline, line -> { });
    }

    @Override
    public CommandResult run(String commandLine, Duration deadline, java.util.function.Consumer<OutputLine> lines) {
        live();
        connector.log.add(vm + " run " + commandLine);
        CommandResult r = connector.answers.apply(vm, commandLine);
        r.stdout().lines().forEach(l -> lines.accept(new OutputLine(Stream.STDOUT, l)));
        r.stderr().lines().forEach(l -> lines.accept(new OutputLine(Stream.STDERR, l)));
        return r;
    }

    @Override
    public void upload(Path local, String remotePath, FileChannel channel, Duration deadline) {
        live();
        connector.log.add(vm + " upload " + remotePath);
    }

    @Override
    public void download(String remotePath, Path local, FileChannel channel, Duration deadline) {
        live();
        connector.log.add(vm + " download " + remotePath);
    }

    @Override
    public Instant bootTime(Duration deadline) {
        live();
        return BOOTED;
    }

    @Override
    public Reconnect awaitReconnect(Instant bootTimeBefore, Duration deadline) {
        live();
        return bootTimeBefore.isBefore(BOOTED) ? Reconnect.REBOOTED : Reconnect.RECONNECTED;
    }

    @Override
    public Instant awaitReboot(Instant bootTimeBefore, Duration deadline) {
        live();
        return BOOTED;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connector.open.remove(this);
            connector.log.add(vm + " close");
        }
    }

    private void live() {
        if (closed.get()) {
            throw new IllegalStateException(vm + ": used after close"); // a bug in the harness, not the lab
        }
        if (connector.unreachable.contains(vm)) {
            throw new LabException(vm + " does not answer (injected)");
        }
    }
}
