/**
 * {@code sc query}, {@code sc queryex}, {@code sc stop/start} status blocks and {@code [SC] ... FAILED n:}
 * errors. The case's symptom is a service stuck in STOP_PENDING with a checkpoint that stops advancing.
 */
package dev.reprolab.windows.sc;
