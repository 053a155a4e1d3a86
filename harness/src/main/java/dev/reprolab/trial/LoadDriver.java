package dev.reprolab.trial;

/** Load against the workload's port while netstat polls: HTTP requests or plain TCP connect/close churn. */
public interface LoadDriver extends AutoCloseable {

    /** Starts the clients; returns at once. */
    LoadDriver start();

    /** Operations that succeeded so far (answered requests, accepted connections). */
    long succeeded();

    /** Operations that failed (refused, reset, timeout). */
    long failed();

    /** Stops the clients and waits for them. */
    @Override
    void close();
}
