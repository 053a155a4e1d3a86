package dev.reprolab.trial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real HTTP load against the guest's web server: {@code clients} threads, each opening a fresh TCP connection per
 * request ({@code Connection: close}), so that the listener sees a steady churn of accepts and closes — the
 * connection churn that races with netstat's enumeration in the case. A rate limit per client keeps the load
 * at the scenario's level, with exponentially distributed gaps (Poisson arrivals, as independent users make): a
 * metronome would hold a fixed phase to a poller's fixed interval, so every enumeration of a trial would meet
 * the churn alike and the race would be all or nothing instead of a matter of odds. Errors (refused, reset) are
 * counted, not thrown: during a stop they are expected.
 */
public final class HttpLoad extends ClientLoad {

    private final byte[] request;
    private final long meanGapNanos;

    /**
     * @param clients concurrent clients
     * @param requestsPerSecondPerClient 0 for as fast as possible
     */
    public HttpLoad(String host, int port, int clients, double requestsPerSecondPerClient, Duration timeout) {
        this(host, port, "/", clients, requestsPerSecondPerClient, timeout);
    }

    /** @param path what every request asks for (the default site's root for IIS and Apache) */
    public HttpLoad(String host, int port, String path, int clients, double requestsPerSecondPerClient, Duration timeout) {
        super("http-load", host, port, clients, timeout);
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: reprolab-load\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.meanGapNanos = requestsPerSecondPerClient <= 0 ? 0 : (long) (1_000_000_000L / requestsPerSecondPerClient);
    }

    /** Starts the clients; returns at once. */
    @Override
    public HttpLoad start() {
        super.start();
        return this;
    }

    @Override
    boolean attempt() {
        byte[] buffer = new byte[8192];
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
            return good;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    long nextGapNanos() {
        return meanGapNanos == 0 ? 0 : (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * meanGapNanos);
    }
}
