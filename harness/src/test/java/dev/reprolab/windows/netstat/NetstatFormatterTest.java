package dev.reprolab.windows.netstat;

import dev.reprolab.windows.Fixtures;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;

/** The formatter's output equals real captures byte for byte (jc's fixtures are byte-exact CRLF). */
public class NetstatFormatterTest {

    @Test
    public void aonCaptureIsReproducedByteForByte() {
        String capture = Fixtures.raw("netstat/jc-win10-netstat-aon.txt");
        assertEquals(NetstatFormatter.format(NetstatParser.parse(capture), true), capture);
    }

    @Test
    public void anCaptureIsReproducedByteForByte() {
        String capture = Fixtures.raw("netstat/jc-win10-netstat-an.txt");
        assertEquals(NetstatFormatter.format(NetstatParser.parse(capture), false), capture);
    }

    @Test
    public void aonbCaptureIsReproducedByteForByte() {
        String capture = Fixtures.raw("netstat/jc-win10-netstat-aonb.txt");
        assertEquals(NetstatFormatter.formatWithOwners(NetstatParser.parse(capture)), capture);
    }

    @Test
    public void roundTripOfAModel() {
        List<NetstatRow> model = List.of(
                NetstatRow.tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState.LISTENING, 1844),
                NetstatRow.tcp("192.168.0.10", 80, "192.168.0.20", 50123, TcpState.CLOSE_WAIT, 1844),
                NetstatRow.tcp("192.168.0.10", 80, "192.168.0.20", 50124, TcpState.TIME_WAIT, 0),
                NetstatRow.tcp("::", 80, "::", 0, TcpState.LISTENING, 1844),
                NetstatRow.udp("fe80::1%11", 546, 812));
        assertEquals(NetstatParser.parse(NetstatFormatter.format(model, true)), model);
        assertEquals(NetstatParser.parse(NetstatFormatter.format(model, false)),
                model.stream().map(NetstatRow::withoutPid).toList());
    }
}
