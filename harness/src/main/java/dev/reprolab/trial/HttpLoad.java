package dev.reprolab.trial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real HTTP load against the guest's web server: {@code clients} threads, each opening a fresh TCP connection per
 * request ({@code Connection: close}), so that the listener sees a steady churn of accepts and closes — the
 * connection churn that races with netstat's enumeration in the case. A rate limit per client keeps the load
 * at the scenario's level, with exponentially distributed gaps (Poisson arrivals, as independent users make): a
 * metronome would hold a fixed phase to a poller's fixed interval, so every enumeration of a trial would meet
 * the churn alike and the race would be all or nothing instead of a matter of odds. Errors (refused, reset) are
 * counted, not thrown: during a stop they are expected.
 */
public final class HttpLoad implements LoadDriver {

    private final String host;
    private final String path;
    private final int port;
    private final int clients;
    private final Duration pause;
    private final Duration timeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param clients concurrent clients
     * @param requestsPerSecondPerClient 0 for as fast as possible
     */
    public HttpLoad(String host, int port, int clients, double requestsPerSecondPerClient, Duration timeout) {
        this(host, port, "/", clients, requestsPerSecondPerClient, timeout);
    }

    /** @param path what every request asks for (the default site's root for IIS and Apache) */
    public HttpLoad(String host, int port, String path, int clients, double requestsPerSecondPerClient, Duration timeout) {
        this.path = path;
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1");
        }
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.pause = requestsPerSecondPerClient <= 0 ? Duration.ZERO
                : Duration.ofNanos((long) (1_000_000_000L / requestsPerSecondPerClient));
        this.timeout = timeout;
    }

    /** Starts the clients; returns at once. */
    @Override
    public HttpLoad start() {
        if (!running.compareAndSet(false, true)) {
            return this;
        }
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, "http-load-" + host + ":" + port + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void loop() {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: reprolab-load\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[8192];
        while (running.get()) {
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                InputStream in = socket.getInputStream();
                int n = in.read(buffer);
                boolean good = n > 12 && new String(buffer, 0, 12, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
                while (n >= 0) {
                    n = in.read(buffer);
                }
                (good ? ok : failed).incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
            }
            long gap = pause.isZero() ? 0 : (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * pause.toNanos());
            long left = gap - (System.nanoTime() - started);
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    }

    /** Requests answered with 200 so far. */
    @Override
    public long succeeded() {
        return ok.get();
    }

    /** Requests that failed (refused, reset, timeout, non-200). */
    @Override
    public long failed() {
        return failed.get();
    }

    /** Stops the clients and waits for them (each finishes its request within the timeout). */
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
