package dev.reprolab.trial;

import dev.reprolab.windows.netstat.TcpState;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** A trial's netstat artifact stays small however busy the port was, and keeps what the charts and the evidence need. */
public class NetstatTimelineTest {

    static final Instant T0 = Instant.parse("2026-11-25T04:00:00Z");

    /** What a loaded web server lists: its listener, a few live connections, hundreds of TIME_WAIT, other ports. */
    static List<NetstatRow> busyTable(int snapshot, int timeWait, int closeWait) {
        List<NetstatRow> rows = new ArrayList<>();
        rows.add(NetstatRow.tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState.LISTENING, 2412));
        rows.add(NetstatRow.tcp("0.0.0.0", 445, "0.0.0.0", 0, TcpState.LISTENING, 4));
        rows.add(NetstatRow.tcp("0.0.0.0", 5985, "0.0.0.0", 0, TcpState.LISTENING, 4));
        for (int i = 0; i < 3; i++) {
            rows.add(NetstatRow.tcp("10.0.0.11", 80, "10.0.0.1", 40000 + snapshot * 3 + i, TcpState.ESTABLISHED, 2412));
        }
        for (int i = 0; i < timeWait; i++) {
            rows.add(NetstatRow.tcp("10.0.0.11", 80, "10.0.0.1", 50000 + (snapshot * 37 + i) % 15000, TcpState.TIME_WAIT, 0));
        }
        for (int i = 0; i < closeWait; i++) {
            rows.add(NetstatRow.tcp("10.0.0.11", 80, "10.0.0.1", 30000 + i, TcpState.CLOSE_WAIT, 2412));
        }
        for (int i = 0; i < 40; i++) {
            rows.add(NetstatRow.tcp("10.0.0.11", 5985, "10.0.0.1", 60000 + i, TcpState.ESTABLISHED, 4));
        }
        return rows;
    }

    static List<NetstatTimeline.Snapshot> snapshots(int n, int timeWait) {
        List<NetstatTimeline.Snapshot> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Instant at = T0.plusMillis(200L * s + 7);
            out.add(new NetstatTimeline.Snapshot(at, at, busyTable(s, timeWait, 0)));
        }
        return out;
    }

    @Test
    public void aBusyTrialsArtifactIsBoundedPerSnapshot() throws Exception {
        Path dir = Files.createTempDirectory("trial");
        int n = 300;
        String name = NetstatTimeline.write(dir, snapshots(n, 700), 80, T0);
        assertEquals(name, "netstat.csv.gz");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(files.map(p -> p.getFileName().toString()).toList(), List.of(name), "one artifact per trial");
        }
        long bytes = Files.size(dir.resolve(name));
        // every row of the port, as trials kept it before, is ~75 bytes x 704 rows x 300 snapshots = 16 MB
        assertTrue(bytes <= 150L * n, bytes + " bytes for " + n + " snapshots of 744 rows: over 150 bytes per snapshot");
    }

    @Test
    public void keepsEveryCountTheListenerAndTheLiveConnections() throws Exception {
        Path dir = Files.createTempDirectory("trial");
        List<NetstatTimeline.Snapshot> snaps = new ArrayList<>(snapshots(5, 700));
        Instant late = T0.plusSeconds(9);
        List<NetstatRow> stuck = busyTable(9, 12, 120);
        stuck.remove(0);
        snaps.add(new NetstatTimeline.Snapshot(late, late, stuck)); // listener gone, a pile of CLOSE_WAIT
        snaps.add(new NetstatTimeline.Snapshot(late.plusMillis(200), late, List.of())); // an empty table
        NetstatTimeline.write(dir, snaps, 80, T0);

        List<NetstatTimelineFile.Entry> read = NetstatTimelineFile.read(NetstatTimelineFile.find(dir).orElseThrow());
        assertEquals(read.size(), 7, "every snapshot, empty ones too");
        NetstatTimelineFile.Entry first = read.get(0);
        assertEquals(first.elapsedMs(), 7);
        assertEquals(first.guestTime(), T0.plusMillis(7));
        assertEquals(first.tableRows(), 3 + 3 + 700 + 40);
        assertEquals(first.portStates(), Map.of(TcpState.LISTENING, 1, TcpState.ESTABLISHED, 3, TcpState.TIME_WAIT, 700));
        assertTrue(first.listening());
        assertEquals(first.rows().get(0), NetstatRow.tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState.LISTENING, 2412));
        assertEquals(first.rows().stream().filter(r -> r.state() == TcpState.ESTABLISHED).map(NetstatRow::foreignPort).toList(),
                List.of(40000, 40001, 40002));
        assertTrue(first.rows().stream().allMatch(r -> r.localPort() == 80), "only the scenario's port: " + first.rows());
        assertTrue(first.rows().stream().noneMatch(r -> r.state() == TcpState.TIME_WAIT), "TIME_WAIT is counted, not listed");

        NetstatTimelineFile.Entry stuckEntry = read.get(5);
        assertEquals(stuckEntry.elapsedMs(), 9000);
        assertTrue(!stuckEntry.listening());
        assertEquals(stuckEntry.portStates().get(TcpState.CLOSE_WAIT), 120, "the count is whole");
        assertEquals(stuckEntry.rows().stream().filter(r -> r.state() == TcpState.CLOSE_WAIT).count(),
                (long) NetstatTimelineFile.ROWS_PER_STATE, "rows beyond the cap are only counted");
        assertEquals(read.get(6).tableRows(), 0);
        assertEquals(read.get(6).portStates(), Map.of());
    }

    @Test
    public void readsTheOlderFullRowTimeline() throws Exception {
        Path dir = Files.createTempDirectory("trial");
        Files.writeString(dir.resolve("netstat.csv"), "ts,elapsedMs,localAddress,localPort,foreignAddress,foreignPort,state,pid\n"
                + "2026-11-25T04:00:00Z,0,0.0.0.0,80,0.0.0.0,0,LISTENING,2412\n"
                + "2026-11-25T04:00:00Z,0,10.0.0.11,80,10.0.0.1,50000,TIME_WAIT,0\n"
                + "2026-11-25T04:00:00Z,0,10.0.0.11,80,10.0.0.1,50001,TIME_WAIT,0\n"
                + "2026-11-25T04:00:00.200Z,200,,,,,,\n");
        List<NetstatTimelineFile.Entry> read = NetstatTimelineFile.read(NetstatTimelineFile.find(dir).orElseThrow());
        assertEquals(read.size(), 2);
        assertEquals(read.get(0).portStates(), Map.of(TcpState.LISTENING, 1, TcpState.TIME_WAIT, 2));
        assertEquals(read.get(0).tableRows(), -1, "the older form did not record the table's size");
        assertEquals(read.get(1).elapsedMs(), 200);
        assertTrue(!read.get(1).listening());
    }

    @Test
    public void aCorruptLineIsNamedWithItsLine() throws Exception {
        Path f = Files.createTempDirectory("trial").resolve("netstat.csv");
        Files.writeString(f, NetstatTimelineFile.HEADER + "\n2026-11-25T04:00:00Z,0,snapshot,,,,,,,3\n2026-11-25T04:00:00Z,0,state,,80\n");
        IllegalArgumentException e = org.testng.Assert.expectThrows(IllegalArgumentException.class, () -> NetstatTimelineFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
    }
}
