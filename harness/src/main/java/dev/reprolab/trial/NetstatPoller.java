package dev.reprolab.trial;

import dev.reprolab.remote.LabException;
import dev.reprolab.remote.Guest;
import dev.reprolab.windows.netstat.NetstatParser;
import dev.reprolab.windows.netstat.NetstatRow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the guest's TCP table the way a monitoring agent does, which is part of the case's trigger: every
 * enumeration takes references on the listeners. One long-running remote command (a PowerShell 2.0 loop around
 * {@code netstat.exe -ano -p tcp}) streams timestamped snapshots back; there is no WinRM round trip per poll, so the
 * poll rate is the guest's, not the transport's.
 *
 * <p>The loop ends by itself at a guest-side time bound, so a controller that dies mid-trial leaves no poller behind
 * on the guest. {@link #close()} ends it earlier by interrupting the command.
 */
public final class NetstatPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetstatPoller.class);

    /** Marks the start of a snapshot; followed by the guest's UTC time in ISO-8601 round-trip form. */
    static final String MARKER = "#snapshot ";

    private final Guest guest;
    private final Duration interval;
    private final Duration maxRun;
    private final Clock clock;
    private final List<NetstatTimeline.Snapshot> snapshots = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<RuntimeException> bug = new AtomicReference<>();
    private Thread thread;
    private volatile boolean closing;

    public NetstatPoller(Guest guest, Duration interval, Duration maxRun, Clock clock) {
        this.guest = guest;
        this.interval = interval;
        this.maxRun = maxRun;
        this.clock = clock;
    }

    /**
     * The PowerShell 2.0 script the guest runs (exposed for the journal and the docs). It holds its period: each
     * enumeration is due one interval after the previous one was due, and the loop sleeps only what is left of it
     * after netstat ran and its output drained. When netstat takes longer than the interval the next one starts at
     * once and the schedule restarts from now (no burst of catch-up enumerations); the achieved interval is then
     * netstat's own time, and {@link PollInterval} reports it.
     */
    static String script(Duration interval, Duration maxRun) {
        // the schedule and the time bound run on a Stopwatch (the performance counter), not the wall clock: a guest
        // resumed from a memory checkpoint has its clock stepped mid-trial, which would end the loop early (a step
        // forward past the bound) or stall it for the step (a step back); only the snapshots' stamps are wall time
        return "$sw = New-Object Diagnostics.Stopwatch; $sw.Start()\n"
                + "$next = 0\n"
                + "while ($sw.ElapsedMilliseconds -lt " + maxRun.toMillis() + ") {\n"
                + "  Write-Output ('" + MARKER + "' + [DateTime]::UtcNow.ToString('o'))\n"
                + "  netstat.exe -ano -p tcp\n"
                + "  $next += " + interval.toMillis() + "\n"
                + "  $wait = $next - $sw.ElapsedMilliseconds\n"
                + "  if ($wait -ge 1) { Start-Sleep -Milliseconds ([int]$wait) } else { $next = $sw.ElapsedMilliseconds }\n"
                + "}\n";
    }

    /** The command line: the script as {@code -EncodedCommand} (base64 of UTF-16LE), which needs no quoting. */
    static String commandLine(Duration interval, Duration maxRun) {
        String encoded = Base64.getEncoder().encodeToString(script(interval, maxRun).getBytes(StandardCharsets.UTF_16LE));
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + encoded;
    }

    public NetstatPoller start() {
        thread = new Thread(this::pump, "netstat-poller-" + guest.name());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void pump() {
        SnapshotAssembler assembler = new SnapshotAssembler();
        try {
            guest.run(commandLine(interval, maxRun), maxRun.plusSeconds(30), line -> {
                if (line.stream() == Guest.Stream.STDOUT) {
                    assembler.accept(line.text());
                }
            });
        } catch (LabException e) {
            if (!closing) {
                failure.set(e);
                LOG.warn("netstat poller on {} failed: {}", guest.name(), e.getMessage());
            }
        } catch (RuntimeException e) {
            bug.set(e); // our code (the snapshot assembler) failed, not the guest: the trial must not hide it
            LOG.error("netstat poller on {}: bug in the harness", guest.name(), e);
        } finally {
            assembler.flush();
        }
    }

    /** The interval that really ran, from the guest's stamps of the snapshots so far (empty with fewer than two). */
    public java.util.Optional<PollInterval> achieved() {
        return PollInterval.of(interval, snapshots());
    }

    /** Snapshots received so far, in order. */
    public List<NetstatTimeline.Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    /** A bug in our own code that ended the poller, if any: it fails the run, never counts as the lab's failure. */
    public RuntimeException bug() {
        return bug.get();
    }

    /** The failure that ended the poller early, if any (an infrastructure error for the trial). */
    public Throwable failure() {
        return failure.get();
    }

    /** Ends the poller and waits for its thread. */
    @Override
    public void close() {
        closing = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Collects lines between markers into snapshots; each is parsed when the next marker (or the end) arrives. Lines
     * come on Overthere's output thread while the final flush runs on the pump thread (after an interrupt), so both
     * hold the assembler's lock.
     */
    private final class SnapshotAssembler {
        private Instant guestTime;
        private Instant receivedAt;
        private final StringBuilder text = new StringBuilder();

        synchronized void accept(String line) {
            if (line.startsWith(MARKER)) {
                flush();
                guestTime = parseInstant(line.substring(MARKER.length()).trim());
                receivedAt = clock.instant();
                return;
            }
            if (guestTime != null) {
                text.append(line).append("\r\n");
            }
        }

        synchronized void flush() {
            if (guestTime == null) {
                return;
            }
            List<NetstatRow> rows;
            try {
                rows = NetstatParser.parse(text.toString());
            } catch (RuntimeException e) {
                rows = new ArrayList<>();
                LOG.debug("unparsable netstat snapshot from {}: {}", guest.name(), e.getMessage());
            }
            snapshots.add(new NetstatTimeline.Snapshot(guestTime, receivedAt, rows));
            guestTime = null;
            text.setLength(0);
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            // .NET's "o" format on a DateTime of kind Utc ends in Z with 7 fractional digits; be lenient anyway
            return Instant.parse(s.endsWith("Z") ? s : s + "Z");
        }
    }
}
