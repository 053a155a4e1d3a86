package dev.reprolab.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A Windows guest the harness drives: commands through cmd.exe over WinRM, files through a {@link FileChannel}.
 * The same implementation drives a real 2008 R2 VM and a simulated one; only the address differs.
 *
 * <p>Every operation has a deadline. A guest that stops answering is given up within it with a
 * {@link dev.reprolab.remote.LabException} naming the guest, the operation and the deadline.
 */
public interface Guest extends AutoCloseable {

    /** The VM name, for logs. */
    String name();

    /** Runs a command line through cmd.exe and waits for it to finish. Output is in the guest's OEM code page. */
    CommandResult run(String commandLine, Duration deadline);

    /**
     * Runs a command line and hands each complete output line (stdout and stderr, without the line terminator) to
     * {@code lines} as it arrives, on the calling thread. Used by long-running commands such as the netstat poller.
     */
    CommandResult run(String commandLine, Duration deadline, Consumer<OutputLine> lines);

    /** Copies a local file to the guest (e.g. {@code C:\lab\httpd.zip}) over the given channel. */
    void upload(Path local, String remotePath, FileChannel channel, Duration deadline);

    /** Copies a guest file to a local path over the given channel. */
    void download(String remotePath, Path local, FileChannel channel, Duration deadline);

    /**
     * Copies a local file to the guest as {@code policy} says: its channel, and a deadline sized by the file
     * ({@link TransferPolicy#deadlineFor}).
     */
    default void upload(Path local, String remotePath, TransferPolicy policy) {
        long size;
        try {
            size = java.nio.file.Files.size(local);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        upload(local, remotePath, policy.channel(), policy.deadlineFor(size));
    }

    /**
     * Copies a guest file to a local path as {@code policy} says; the deadline is sized by the file's size on the
     * guest (this default, for guests that cannot tell it cheaply, gives the floor).
     */
    default void download(String remotePath, Path local, TransferPolicy policy) {
        download(remotePath, local, policy.channel(), policy.floor());
    }

    /** The guest's last boot time as the guest reports it. */
    Instant bootTime(Duration deadline);

    /**
     * The guest's boot time and uptime, to tell later whether it rebooted ({@link BootMark#rebootedBy}); this default,
     * for guests that report no uptime, takes the uptime from the controller's clock.
     */
    default BootMark bootMark(Duration deadline) {
        return BootMark.ofBootTime(bootTime(deadline));
    }

    /** Waits until the guest answers again after a reboot begun after {@code before}; returns its new boot reading. */
    default BootMark awaitReboot(BootMark before, Duration deadline) {
        return BootMark.ofBootTime(awaitReboot(before.bootTime(), deadline));
    }

    /**
     * Waits until the guest answers again and tells whether it booted since {@code bootTimeBefore}
     * ({@link Reconnect#REBOOTED}) or merely came back ({@link Reconnect#RECONNECTED}).
     */
    Reconnect awaitReconnect(Instant bootTimeBefore, Duration deadline);

    /**
     * Waits until the guest has rebooted — answers with a boot time later than {@code bootTimeBefore} — riding out
     * the time it still answers with the old boot time (Windows keeps serving WinRM for a moment after
     * {@code shutdown /r}) and the time it does not answer at all. Throws {@link dev.reprolab.remote.LabException} at
     * the deadline.
     */
    Instant awaitReboot(Instant bootTimeBefore, Duration deadline);

    @Override
    void close();

    /** A line of command output. */
    record OutputLine(Stream stream, String text) {
    }

    enum Stream { STDOUT, STDERR }

    enum Reconnect { REBOOTED, RECONNECTED }
}
