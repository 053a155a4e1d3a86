package dev.reprolab.trial;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain TCP churn against a port: {@code clients} threads, each connecting, closing and connecting again, for a
 * service that speaks no HTTP (a database listener). Every accept and close is churn on the guest's listener — the
 * same race with netstat's enumeration as HTTP load, without needing the protocol. A connection counts as a success
 * when it was accepted.
 */
public final class TcpChurn implements LoadDriver {

    private final String host;
    private final int port;
    private final int clients;
    private final Duration pause;
    private final Duration timeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    public TcpChurn(String host, int port, int clients, double connectsPerSecondPerClient, Duration timeout) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1");
        }
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.pause = connectsPerSecondPerClient <= 0 ? Duration.ofMillis(2)
                : Duration.ofNanos((long) (1_000_000_000L / connectsPerSecondPerClient));
        this.timeout = timeout;
    }

    @Override
    public TcpChurn start() {
        if (!running.compareAndSet(false, true)) {
            return this;
        }
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, "tcp-churn-" + host + ":" + port + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void loop() {
        while (running.get()) {
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                ok.incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
            }
            // even "as fast as possible" leaves the server a moment: a client that only connects would otherwise
            // fill the accept backlog faster than a real one ever does
            long left = pause.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
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
    }
}
