package dev.reprolab.trial;

import dev.reprolab.windows.netstat.TcpState;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The netstat snapshots of one trial, kept as the compact timeline the reports draw (run directory contract C5). */
public final class NetstatTimeline {

    /** One enumeration of the TCP table: when the guest took it, when it arrived, what it listed. */
    public record Snapshot(Instant guestTime, Instant receivedAt, List<NetstatRow> rows) {
    }

    private NetstatTimeline() {
    }

    /**
     * Writes {@link NetstatTimelineFile#NAME} into the trial's directory: per snapshot the table's size, the counts
     * per state of the rows on {@code port} and those rows but TIME_WAIT; {@code elapsedMs} counts from
     * {@code origin} (the trial's start on the controller's clock) to where {@code clock} places the snapshot's guest
     * stamp on the controller's timeline. Returns the artifact's name.
     */
    public static String write(Path trialDir, List<Snapshot> snapshots, int port, Instant origin, TrialClock clock) {
        NetstatTimelineFile.write(trialDir.resolve(NetstatTimelineFile.NAME), snapshots.stream()
                .map(s -> new NetstatTimelineFile.Snapshot(s.guestTime(), clock.place(s.guestTime(), s.receivedAt()).at(), s.rows()))
                .toList(), port, origin);
        return NetstatTimelineFile.NAME;
    }

    /** As {@link #write(Path, List, int, Instant, TrialClock)} for a guest whose clock is the controller's. */
    public static String write(Path trialDir, List<Snapshot> snapshots, int port, Instant origin) {
        NetstatTimelineFile.write(trialDir.resolve(NetstatTimelineFile.NAME),
                snapshots.stream().map(s -> new NetstatTimelineFile.Snapshot(s.guestTime(), s.rows())).toList(), port, origin);
        return NetstatTimelineFile.NAME;
    }

    /** Whether the last snapshot lists {@code port} LISTENING. */
    public static boolean listening(List<NetstatRow> rows, int port) {
        return rows.stream().anyMatch(r -> r.localPort() == port && r.state() == TcpState.LISTENING);
    }
}
