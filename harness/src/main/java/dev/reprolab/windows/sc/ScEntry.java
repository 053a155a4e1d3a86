package dev.reprolab.windows.sc;

/** One item of sc output: a status block or a failure. */
public sealed interface ScEntry permits ServiceStatus, ScFailure {
}
