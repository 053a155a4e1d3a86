/**
 * Deadlines and waiting for a condition, on the monotonic clock ({@link System#nanoTime()}), for every layer: the
 * remote transport, the lab backends, the trial steps and the simulated guest. It depends on no other package of
 * the harness.
 */
package dev.reprolab.time;
