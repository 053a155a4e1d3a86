package dev.reprolab.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What every load driver shares: {@code clients} daemon threads that repeat one operation against the guest's port
 * until closed, each paced by the gap its subclass chooses, with successes and failures counted (never thrown:
 * during a stop, refused and reset connections are expected). An exception out of {@link #attempt()} is a bug in
 * the driver, not a failed request: it stops every client and {@link #close()} throws it.
 */
abstract class ClientLoad implements LoadDriver {

    protected final String host;
    protected final int port;
    protected final Duration timeout;
    private final int clients;
    private final String threadName;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> bug = new java.util.concurrent.atomic.AtomicReference<>();

    ClientLoad(String kind, String host, int port, int clients, Duration timeout) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1");
        }
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.timeout = timeout;
        this.threadName = kind + "-" + host + ":" + port + "-";
    }

    /** One operation (a request, a connection); true when it succeeded. */
    abstract boolean attempt();

    /** How long this client waits from the start of one operation to the start of the next. */
    abstract long nextGapNanos();

    /** Starts the clients; returns at once. */
    @Override
    public ClientLoad start() {
        if (!running.compareAndSet(false, true)) {
            return this;
        }
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, threadName + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void loop() {
        while (running.get()) {
            long started = System.nanoTime();
            boolean succeeded;
            try {
                succeeded = attempt();
            } catch (RuntimeException e) {
                bug.compareAndSet(null, e);
                running.set(false);
                return;
            }
            (succeeded ? ok : failed).incrementAndGet();
            long left = nextGapNanos() - (System.nanoTime() - started);
            if (left > 0) {
                LockSupport.parkNanos(left);
            }
        }
    }

    @Override
    public long succeeded() {
        return ok.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    /** Stops the clients and waits for them (each finishes its operation within the timeout). */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(timeout.toMillis() * 2 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        RuntimeException e = bug.get();
        if (e != null) {
            throw new IllegalStateException(threadName + ": the load client failed (a bug, not a refused request): " + e, e);
        }
    }
}
