package dev.reprolab.remote;

import java.time.Duration;
import java.util.Optional;

/**
 * How files move and how long they may take: the channel, and a deadline sized by the file — a floor (connection,
 * commands, the hash check) plus the bytes at the slowest rate the lab is expected to sustain. A 300 MB rollup at the
 * default 1 MB/s gets the floor plus 5 minutes, a 2 GB kernel dump the floor plus 34 minutes: a fixed multiple of the
 * command deadline either gives up on a big file that is moving or waits far too long on a small one that is stuck.
 *
 * @param channel           how the bytes move
 * @param floor             the least any transfer gets
 * @param minBytesPerSecond the slowest rate still counted as progress
 * @param fileServer        for {@link FileChannel#HTTP}: where the controller serves files, if not found by itself
 */
public record TransferPolicy(FileChannel channel, Duration floor, long minBytesPerSecond, FileServer fileServer) {

    /** The default slowest rate: 1 MiB/s (WinRM on a busy 2008 R2 guest does several times that). */
    public static final long DEFAULT_MIN_RATE = 1L << 20;
    /** The default floor. */
    public static final Duration DEFAULT_FLOOR = Duration.ofMinutes(2);

    public TransferPolicy {
        if (floor.isZero() || floor.isNegative() || minBytesPerSecond <= 0) {
            throw new IllegalArgumentException("transfer floor and rate must be positive: " + floor + ", " + minBytesPerSecond);
        }
    }

    /** A channel with the default floor and rate and a file server found by itself. */
    public static TransferPolicy of(FileChannel channel) {
        return new TransferPolicy(channel, DEFAULT_FLOOR, DEFAULT_MIN_RATE, FileServer.AUTO);
    }

    /** The deadline of a transfer of {@code bytes}. */
    public Duration deadlineFor(long bytes) {
        long extraMillis = Math.max(0, bytes) * 1000 / minBytesPerSecond;
        return floor.plusMillis(extraMillis);
    }

    /**
     * Where the controller's HTTP file server listens for the guests.
     *
     * @param address the address the guests fetch from (empty: the controller's address on the route to each guest)
     * @param bind    the local address to bind (empty: {@code address}; set it when the guests reach the controller
     *                through NAT, e.g. {@code 0.0.0.0})
     * @param port    the port (0: any free one; set it when a firewall between them opens one port)
     */
    public record FileServer(Optional<String> address, Optional<String> bind, int port) {
        public static final FileServer AUTO = new FileServer(Optional.empty(), Optional.empty(), 0);
    }
}
