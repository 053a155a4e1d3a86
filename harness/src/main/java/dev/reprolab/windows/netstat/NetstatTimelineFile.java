package dev.reprolab.windows.netstat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trial's netstat snapshots as they are kept on disk ({@code trials/<id>/netstat.csv.gz}): compact, because a
 * loaded web server's table is mostly {@code TIME_WAIT} rows that say nothing but how many there were (a real-size
 * trial wrote 11 MB of them). Per snapshot the file keeps
 * <ul>
 *   <li>one {@code snapshot} line: the guest's time (its own clock, as stamped), ms since the trial started on the
 *       controller's timeline, the number of rows of the whole
 *       table ({@code count});</li>
 *   <li>one {@code state} line per TCP state seen on the port (as local port), with its row count;</li>
 *   <li>the port's rows themselves ({@code row}: addresses, ports, state, PID) for every state but {@code TIME_WAIT}
 *       (whose rows carry PID 0 and the load client's address only), at most {@value #ROWS_PER_STATE} per state,
 *       and always every {@code LISTENING} row — the evidence of who holds the listener.</li>
 * </ul>
 * gzip-compressed UTF-8 CSV ({@code zcat} reads it). {@link #read} also reads the older uncompressed
 * {@code netstat.csv}, which listed every row of the port, so run directories written before stay readable.
 */
public final class NetstatTimelineFile {

    /** The file name in a trial's directory. */
    public static final String NAME = "netstat.csv.gz";
    /** The name of the older, uncompressed full-row timeline. */
    public static final String LEGACY_NAME = "netstat.csv";
    public static final String HEADER = "ts,elapsedMs,record,localAddress,localPort,foreignAddress,foreignPort,state,pid,count";
    static final String LEGACY_HEADER = "ts,elapsedMs,localAddress,localPort,foreignAddress,foreignPort,state,pid";
    /** Rows kept per state and snapshot; the state line still counts every row. */
    public static final int ROWS_PER_STATE = 50;

    private NetstatTimelineFile() {
    }

    /**
     * One snapshot as kept: the table's size ({@code tableRows}, -1 when an older file did not record it), the port's
     * rows per state, and the port's rows kept.
     */
    public record Entry(Instant guestTime, long elapsedMs, int tableRows, Map<TcpState, Integer> portStates,
                        List<NetstatRow> rows) {

        public Entry {
            portStates = Map.copyOf(portStates);
            rows = List.copyOf(rows);
        }

        /** Whether the port is listed LISTENING in this snapshot. */
        public boolean listening() {
            return portStates.getOrDefault(TcpState.LISTENING, 0) > 0;
        }
    }

    /**
     * One snapshot to write: the guest's stamp of it, when it was taken on the controller's timeline (the stamp moved
     * by the guest's measured clock offset) and the whole table it listed.
     */
    public record Snapshot(Instant guestTime, Instant at, List<NetstatRow> rows) {

        /** A snapshot of a guest whose clock is the controller's. */
        public Snapshot(Instant guestTime, List<NetstatRow> rows) {
            this(guestTime, guestTime, rows);
        }
    }

    /** The timeline file of a trial directory (the compact one, else an older full one), if any. */
    public static Optional<Path> find(Path trialDir) {
        for (String n : List.of(NAME, LEGACY_NAME)) {
            Path p = trialDir.resolve(n);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Reduces one snapshot to what is kept; {@code elapsedMs} counts from {@code origin} (the controller's start of
     * the trial) to the snapshot's place on the controller's timeline, so snapshots line up with the stop command
     * whatever the guest's clock said. Files written before the offset was measured counted on the guest's clock.
     */
    public static Entry compact(Snapshot s, int port, Instant origin) {
        Map<TcpState, Integer> states = new LinkedHashMap<>();
        Map<TcpState, Integer> kept = new LinkedHashMap<>();
        List<NetstatRow> rows = new ArrayList<>();
        for (NetstatRow r : s.rows()) {
            if (r.localPort() != port || r.state() == null) {
                continue;
            }
            states.merge(r.state(), 1, Integer::sum);
            boolean keep = r.state() == TcpState.LISTENING
                    || r.state() != TcpState.TIME_WAIT && kept.merge(r.state(), 1, Integer::sum) <= ROWS_PER_STATE;
            if (keep) {
                rows.add(r);
            }
        }
        return new Entry(s.guestTime(), s.at().toEpochMilli() - origin.toEpochMilli(), s.rows().size(), states, rows);
    }

    /** Writes the snapshots' kept form, gzip-compressed, replacing {@code file}. */
    public static void write(Path file, List<Snapshot> snapshots, int port, Instant origin) {
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (Snapshot s : snapshots) {
                Entry e = compact(s, port, origin);
                String at = e.guestTime() + "," + e.elapsedMs() + ",";
                w.write(at + "snapshot,,,,,,," + e.tableRows() + "\n");
                for (Map.Entry<TcpState, Integer> st : e.portStates().entrySet()) {
                    w.write(at + "state,," + port + ",,," + st.getKey() + ",," + st.getValue() + "\n");
                }
                for (NetstatRow r : e.rows()) {
                    w.write(at + "row," + r.localAddress() + "," + r.localPort() + "," + r.foreignAddress() + ","
                            + (r.foreignPort() == null ? "" : r.foreignPort()) + "," + r.state() + ","
                            + (r.pid() == null ? "" : r.pid()) + ",\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a timeline file, decompressed if it is gzip (for the bundle and for people). */
    public static String text(Path file) {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads either form; snapshots in file order. A line that does not parse is a corrupt file and fails. */
    public static List<Entry> read(Path file) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) {
                return List.of();
            }
            boolean legacy = header.equals(LEGACY_HEADER);
            if (!legacy && !header.equals(HEADER)) {
                throw new IllegalArgumentException(file + ":1: not a netstat timeline (header " + header + ")");
            }
            List<Builder> out = new ArrayList<>();
            int lineNo = 1;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    if (legacy) {
                        legacyLine(out, line.split(",", -1));
                    } else {
                        compactLine(out, line.split(",", -1));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": unreadable timeline line: " + e.getMessage(), e);
                }
            }
            return out.stream().map(Builder::build).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static void compactLine(List<Builder> out, String[] f) {
        if (f.length != 10) {
            throw new IllegalArgumentException(f.length + " fields, 10 expected");
        }
        switch (f[2]) {
            case "snapshot" -> out.add(new Builder(Instant.parse(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[9])));
            case "state" -> current(out, f).states.merge(state(f[7]), Integer.parseInt(f[9]), Integer::sum);
            case "row" -> current(out, f).rows.add(row(f[3], f[4], f[5], f[6], f[7], f[8]));
            default -> throw new IllegalArgumentException("record " + f[2]);
        }
    }

    private static Builder current(List<Builder> out, String[] f) {
        if (out.isEmpty() || !out.get(out.size() - 1).guestTime.equals(Instant.parse(f[0]))) {
            throw new IllegalArgumentException(f[2] + " line before its snapshot line");
        }
        return out.get(out.size() - 1);
    }

    /** The older form: one line per row of the port, or one empty line for a snapshot that listed none. */
    private static void legacyLine(List<Builder> out, String[] f) {
        if (f.length < 8) {
            throw new IllegalArgumentException(f.length + " fields, 8 expected");
        }
        Instant ts = Instant.parse(f[0]);
        if (out.isEmpty() || !out.get(out.size() - 1).guestTime.equals(ts)) {
            out.add(new Builder(ts, Long.parseLong(f[1]), -1));
        }
        Builder b = out.get(out.size() - 1);
        if (!f[6].isEmpty()) {
            b.states.merge(state(f[6]), 1, Integer::sum);
            b.rows.add(row(f[2], f[3], f[4], f[5], f[6], f[7]));
        }
    }

    private static NetstatRow row(String local, String localPort, String foreign, String foreignPort, String state, String pid) {
        return new NetstatRow("TCP", local, Integer.parseInt(localPort), foreign,
                foreignPort.isEmpty() ? null : Integer.parseInt(foreignPort), state.isEmpty() ? null : state(state),
                pid.isEmpty() ? null : Integer.parseInt(pid), null);
    }

    private static TcpState state(String word) {
        return TcpState.of(word).orElseThrow(() -> new IllegalArgumentException("unknown TCP state '" + word + "'"));
    }

    private static final class Builder {
        final Instant guestTime;
        final long elapsedMs;
        final int tableRows;
        final Map<TcpState, Integer> states = new LinkedHashMap<>();
        final List<NetstatRow> rows = new ArrayList<>();

        Builder(Instant guestTime, long elapsedMs, int tableRows) {
            this.guestTime = guestTime;
            this.elapsedMs = elapsedMs;
            this.tableRows = tableRows;
        }

        Entry build() {
            return new Entry(guestTime, elapsedMs, tableRows, states, rows);
        }
    }
}
