package dev.reprolab.sim.winrm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Transport failures to inject, each consumed by the next request(s). */
public final class WsmanFaults {
    private final AtomicInteger drop = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private volatile Duration delay;
    private final AtomicInteger delayed = new AtomicInteger();

    /** The next {@code n} requests get their connection closed without a response. */
    public WsmanFaults dropNext(int n) {
        drop.set(n);
        return this;
    }

    /** The next {@code n} requests get HTTP 500 with an empty body. */
    public WsmanFaults serverErrorNext(int n) {
        serverErrors.set(n);
        return this;
    }

    /** The next {@code n} requests are answered only after {@code d}. */
    public WsmanFaults delayNext(int n, Duration d) {
        delay = d;
        delayed.set(n);
        return this;
    }

    boolean takeDrop() {
        return drop.getAndUpdate(v -> Math.max(0, v - 1)) > 0;
    }

    boolean takeServerError() {
        return serverErrors.getAndUpdate(v -> Math.max(0, v - 1)) > 0;
    }

    Optional<Duration> takeDelay() {
        return delayed.getAndUpdate(v -> Math.max(0, v - 1)) > 0 ? Optional.ofNullable(delay) : Optional.empty();
    }
}
