package dev.reprolab.report.html;

import dev.reprolab.windows.netstat.TcpState;
import dev.reprolab.windows.netstat.NetstatRow;
import dev.reprolab.windows.netstat.NetstatTimelineFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a small but complete run directory (contract C5): one hung and one clean trial, a dump, a bisect log. */
final class SampleRun {

    /** TIME_WAIT rows per snapshot of the hung trial: counted in the file, never listed, still charted. */
    static final int HUNG_TIME_WAIT = 37;

    private SampleRun() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("trials/t-hung"));
        Files.createDirectories(dir.resolve("trials/t-clean"));
        Files.createDirectories(dir.resolve("environment"));
        Files.writeString(dir.resolve("run.json"), "{\"runId\":\"20261125-0300-ab12\",\"scenario\":\"scenarios/apache-stop-hang.yaml\","
                + "\"lab\":\"sim\",\"startedAt\":\"2026-11-25T03:00:00Z\",\"finishedAt\":\"2026-11-25T03:10:00Z\",\"port\":80}");
        Files.writeString(dir.resolve("results.json"), "{\"runId\":\"20261125-0300-ab12\",\"cells\":["
                + "{\"patchSet\":\"june-2018\",\"cell\":\"netstat=200ms\",\"factors\":{\"netstat\":\"200ms\"},\"expectation\":\"does-not\","
                + "\"trials\":30,\"reproduced\":0,\"clean\":30,\"otherFailures\":0,\"infraErrors\":1,\"verdict\":\"does-not\",\"ciLow\":0.0,\"ciHigh\":0.114},"
                + "{\"patchSet\":\"july-2018\",\"cell\":\"netstat=200ms\",\"factors\":{\"netstat\":\"200ms\"},\"expectation\":\"reproduces\","
                + "\"trials\":20,\"reproduced\":7,\"clean\":13,\"otherFailures\":0,\"infraErrors\":0,\"verdict\":\"reproduces\",\"ciLow\":0.181,\"ciHigh\":0.567}]}");
        Files.writeString(dir.resolve("journal.jsonl"),
                "{\"ts\":\"2026-11-25T03:00:00Z\",\"type\":\"run-started\"}\n"
                + "{\"ts\":\"2026-11-25T03:01:00Z\",\"type\":\"trial-finished\",\"trialId\":\"t-hung\",\"patchSet\":\"july-2018\",\"cell\":\"netstat=200ms\",\"outcome\":\"HUNG\",\"reason\":\"STOP_PENDING, checkpoint stuck at 4\"}\n"
                + "{\"ts\":\"2026-11-25T03:02:00Z\",\"type\":\"trial-finished\",\"trialId\":\"t-clean\",\"patchSet\":\"june-2018\",\"cell\":\"netstat=200ms\",\"outcome\":\"STOPPED_CLEANLY\",\"reason\":\"service STOPPED\"}\n"
                + "{\"ts\":\"2026-11-25T03:02:30Z\",\"type\":\"dump-captured\",\"trialId\":\"t-hung\",\"kind\":\"process\",\"path\":\"trials/t-hung/httpd-2412.dmp\",\"bytes\":1048576,\"sha256\":\"ab\",\"valid\":true,\"problems\":[]}\n"
                + "{\"ts\":\"2026-11-25T03:0");
        Instant t0 = Instant.parse("2026-11-25T03:01:00Z");
        // the hung trial in the compact form trials write, the clean one in the older full-row form
        List<NetstatTimelineFile.Snapshot> hung = new ArrayList<>();
        StringBuilder clean = new StringBuilder("ts,elapsedMs,localAddress,localPort,foreignAddress,foreignPort,state,pid\n");
        for (int i = 0; i < 40; i++) {
            long ms = i * 200L;
            String ts = t0.plusMillis(ms).toString();
            List<NetstatRow> rows = new ArrayList<>(List.of(NetstatRow.tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState.LISTENING, 2412),
                    NetstatRow.tcp("10.0.0.5", 80, "10.0.0.1", 50000 + i, TcpState.ESTABLISHED, 2412)));
            for (int k = 0; k < HUNG_TIME_WAIT; k++) {
                rows.add(NetstatRow.tcp("10.0.0.5", 80, "10.0.0.1", 52000 + i * HUNG_TIME_WAIT + k, TcpState.TIME_WAIT, 0));
            }
            hung.add(new NetstatTimelineFile.Snapshot(t0.plusMillis(ms), rows));
            if (i < 20) {
                clean.append(ts).append(',').append(ms).append(",0.0.0.0,80,0.0.0.0,0,LISTENING,2412\n");
                clean.append(ts).append(',').append(ms).append(",10.0.0.5,80,10.0.0.1,").append(51000 + i).append(",TIME_WAIT,0\n");
            } else {
                clean.append(ts).append(',').append(ms).append(",,,,,,\n");
            }
        }
        NetstatTimelineFile.write(dir.resolve("trials/t-hung/netstat.csv.gz"), hung, 80, t0);
        Files.writeString(dir.resolve("trials/t-clean/netstat.csv"), clean, StandardCharsets.UTF_8);
        String timing = "started=" + t0 + "\nstopIssued=" + t0.plusSeconds(3) + "\nstopDeadline=PT4S\n";
        Files.writeString(dir.resolve("trials/t-hung/timing.txt"), timing);
        Files.writeString(dir.resolve("trials/t-clean/timing.txt"), timing);
        Files.writeString(dir.resolve("environment/july-2018.json"), "{\"osBuild\":\"6.1.7601\",\"tcpip.sys\":\"6.1.7601.24168\",\"fltmc\":\"luafv 1 135000\"}");
        Files.writeString(dir.resolve("bisect.log"), "level 3 KB4338818: 7/20 reproduced <script>alert(1)</script>\n");
        return dir;
    }
}
