package dev.reprolab.trial;

import dev.reprolab.windows.netstat.NetstatRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The netstat snapshots of one trial, written as the CSV timeline the reports draw (run directory contract C5). */
public final class NetstatTimeline {

    public static final String HEADER = "ts,elapsedMs,localAddress,localPort,foreignAddress,foreignPort,state,pid";

    /** One enumeration of the TCP table: when the guest took it, when it arrived, what it listed. */
    public record Snapshot(Instant guestTime, Instant receivedAt, List<NetstatRow> rows) {
    }

    private NetstatTimeline() {
    }

    /**
     * Writes the rows that involve {@code port} (as local port) of every snapshot; {@code elapsedMs} counts from
     * {@code origin} (the trial's start) on the guest's clock. A snapshot with no such rows writes one row with an
     * empty state, so the chart shows "nothing listed" instead of a gap.
     */
    public static void writeCsv(Path file, List<Snapshot> snapshots, int port, Instant origin) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (Snapshot s : snapshots) {
                long elapsed = s.guestTime().toEpochMilli() - origin.toEpochMilli();
                boolean any = false;
                for (NetstatRow r : s.rows()) {
                    if (r.localPort() != port) {
                        continue;
                    }
                    any = true;
                    w.write(s.guestTime() + "," + elapsed + "," + r.localAddress() + "," + r.localPort() + ","
                            + r.foreignAddress() + "," + (r.foreignPort() == null ? "" : r.foreignPort()) + ","
                            + (r.state() == null ? "" : r.state()) + "," + (r.pid() == null ? "" : r.pid()) + "\n");
                }
                if (!any) {
                    w.write(s.guestTime() + "," + elapsed + ",,,,,,\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the last snapshot lists {@code port} LISTENING. */
    public static boolean listening(List<NetstatRow> rows, int port) {
        return rows.stream().anyMatch(r -> r.localPort() == port && "LISTENING".equals(r.state()));
    }
}
