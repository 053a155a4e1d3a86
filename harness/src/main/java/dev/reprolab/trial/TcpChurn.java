package dev.reprolab.trial;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Plain TCP churn against a port: {@code clients} threads, each connecting, closing and connecting again, for a
 * service that speaks no HTTP (a database listener). Every accept and close is churn on the guest's listener — the
 * same race with netstat's enumeration as HTTP load, without needing the protocol. A connection counts as a success
 * when it was accepted.
 */
public final class TcpChurn extends ClientLoad {

    private final long pauseNanos;

    public TcpChurn(String host, int port, int clients, double connectsPerSecondPerClient, Duration timeout) {
        super("tcp-churn", host, port, clients, timeout);
        // even "as fast as possible" leaves the server a moment: a client that only connects would otherwise
        // fill the accept backlog faster than a real one ever does
        this.pauseNanos = connectsPerSecondPerClient <= 0 ? Duration.ofMillis(2).toNanos()
                : (long) (1_000_000_000L / connectsPerSecondPerClient);
    }

    @Override
    public TcpChurn start() {
        super.start();
        return this;
    }

    @Override
    boolean attempt() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    long nextGapNanos() {
        return pauseNanos;
    }
}
