package dev.reprolab.windows.netstat;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

public class NetstatParserTest {

    private static Object[][] all(String... paths) {
        return Stream.of(paths).flatMap(p -> Stream.of(Fixtures.variants("netstat/" + p))).toArray(Object[][]::new);
    }

    @DataProvider
    public Object[][] aon() {
        return all("jc-win10-netstat-aon.txt");
    }

    @Test(dataProvider = "aon")
    public void readsAonWithPidsIpv6AndUdp(String name, String text) {
        List<NetstatRow> rows = NetstatParser.parse(text);
        assertEquals(rows.size(), Lines.split(Fixtures.raw("netstat/jc-win10-netstat-aon.txt")).size() - 4);
        assertEquals(rows.get(0), NetstatRow.tcp("0.0.0.0", 135, "0.0.0.0", 0, TcpState.LISTENING, 1712));
        NetstatRow udp = rows.stream().filter(r -> r.proto().equals("UDP")).findFirst().orElseThrow();
        assertEquals(udp, NetstatRow.udp("0.0.0.0", 53, 4808));
        NetstatRow zoned = rows.get(rows.size() - 1);
        assertEquals(zoned.localAddress(), "fe80::f5d1:8bf7:c410:e325%64");
        assertEquals(zoned.localPort(), 52284);
        assertEquals(zoned.foreignAddress(), "*");
        assertNull(zoned.foreignPort());
        assertNull(zoned.state());
        assertEquals(zoned.pid(), Integer.valueOf(8844));
    }

    @DataProvider
    public Object[][] an() {
        return all("jc-win10-netstat-an.txt");
    }

    @Test(dataProvider = "an")
    public void readsAnWithoutPid(String name, String text) {
        List<NetstatRow> rows = NetstatParser.parse(text);
        assertEquals(rows.size(), 260);
        assertTrue(rows.stream().allMatch(r -> r.pid() == null), name);
        NetstatRow v6 = rows.stream().filter(r -> r.localAddress().equals("::")).findFirst().orElseThrow();
        assertEquals(v6, new NetstatRow("TCP", "::", 135, "::", 0, TcpState.LISTENING, null, null));
    }

    @DataProvider
    public Object[][] aonb() {
        return all("jc-win10-netstat-aonb.txt");
    }

    @Test(dataProvider = "aonb")
    public void attachesOwnerLines(String name, String text) {
        List<NetstatRow> rows = NetstatParser.parse(text);
        assertEquals(rows.get(0).owner(), "RpcSs [svchost.exe]");
        assertEquals(rows.get(1).owner(), "[vmware-hostd.exe]");
        assertEquals(rows.get(2).owner(), "Can not obtain ownership information");
        assertTrue(rows.stream().anyMatch(r -> r.state() == TcpState.CLOSE_WAIT));
        assertTrue(rows.stream().anyMatch(r -> r.state() == TcpState.TIME_WAIT));
    }

    @DataProvider
    public Object[][] excerpts() {
        return all("netstat-ano-findstr-8080-close_wait-time_wait-then-tasklist-taskkill-tree.txt");
    }

    @Test(dataProvider = "excerpts")
    public void readsFindstrExcerptBetweenPrompts(String name, String text) {
        List<NetstatRow> rows = NetstatParser.parse(text);
        assertEquals(rows.size(), 9);
        assertEquals(rows.stream().filter(r -> r.state() == TcpState.CLOSE_WAIT).count(), 3);
        assertEquals(rows.get(8), NetstatRow.tcp("::", 8080, "::", 0, TcpState.LISTENING, 9920));
        assertNull(rows.get(8).owner(), "the tasklist line after the table is not an owner");
    }

    @Test
    public void readsOtherCaptures() {
        assertEquals(NetstatParser.parse(Fixtures.raw(
                        "netstat/netstat-ano-findstr-3001-time_wait-then-taskkill-not-found.txt")),
                List.of(NetstatRow.tcp("::1", 3001, "::1", 52172, TcpState.TIME_WAIT, 0)));
        assertEquals(NetstatParser.parse(Fixtures.raw(
                        "netstat/netstat-ano-findstr-8000-fin_wait_2-commented-single-line.txt")),
                List.of(NetstatRow.tcp("127.0.0.1", 12126, "127.0.0.1", 8000, TcpState.FIN_WAIT_2, 20580)));
        List<NetstatRow> nine = NetstatParser.parse(Fixtures.raw(
                "netstat/netstat-ano-findstr-9000-time_wait-udp-comment-1space-indent.txt"));
        assertEquals(nine.size(), 8);
        assertEquals(nine.get(7), NetstatRow.udp("127.0.0.1", 9000, 1240));
        List<NetstatRow> three = NetstatParser.parse(Fixtures.raw(
                "netstat/netstat-ano-grep-3000-time_wait-ipv6-agentlog.txt"));
        assertEquals(three.stream().filter(r -> r.state() == TcpState.TIME_WAIT).count(), 4);
        List<NetstatRow> plain = NetstatParser.parse(Fixtures.raw("netstat/jc-win10-netstat.txt"));
        assertEquals(plain.get(0), new NetstatRow("TCP", "127.0.0.1", 1031, "api", 1032, TcpState.ESTABLISHED, null, null));
    }

    @Test
    public void normalisesGermanStatesAndSkipsGermanHeader() {
        List<NetstatRow> rows = NetstatParser.parse(Fixtures.raw(
                "netstat/UNSURE-netstat-ano-german-locale-test-fixture.txt"));
        assertEquals(rows.stream().map(NetstatRow::state).toList(),
                List.of(TcpState.LISTENING, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, TcpState.TIME_WAIT));
        assertEquals(rows.get(2).pid(), Integer.valueOf(8872));
    }

    @Test
    public void readsCp850GermanBytes() {
        byte[] bytes = "  TCP    0.0.0.0:80             0.0.0.0:0              ABH\u00d6REN         4\r\n"
                .getBytes(java.nio.charset.Charset.forName("IBM850"));
        String text = dev.reprolab.windows.text.ConsoleText.decode(bytes);
        assertEquals(NetstatParser.parse(text).get(0).state(), TcpState.LISTENING);
    }

    @Test
    public void joinsARowWrappedAfterTheLocalAddress() {
        String text = "  TCP    [fe80::5efe:10.0.0.5%11]:49155\r\n"
                + "         [fe80::5efe:10.0.0.9%11]:5985  ESTABLISHED     4\r\n";
        assertEquals(NetstatParser.parse(text), List.of(NetstatRow.tcp("fe80::5efe:10.0.0.5%11", 49155,
                "fe80::5efe:10.0.0.9%11", 5985, TcpState.ESTABLISHED, 4)));
    }

    @Test
    public void rejectsTextWithoutRowsAndMalformedRows() {
        ParseException none = expectThrows("hello\r\nworld\r\n");
        assertEquals(none.line(), 2);
        ParseException bad = expectThrows("x\n  TCP    0.0.0.0:80  0.0.0.0:0  LISTENING  notapid\n");
        assertEquals(bad.line(), 2);
        assertTrue(bad.what().contains("PID"), bad.what());
    }

    @Test
    public void aWordThatIsNoTcpStateIsAnErrorOnItsLineNotANewState() {
        ParseException e = expectThrows("  TCP    0.0.0.0:80  0.0.0.0:0  LISTENING  4\n  TCP    10.0.0.5:80  10.0.0.1:5000  LISTNEING  4\n");
        assertEquals(e.line(), 2);
        assertTrue(e.what().contains("a TCP state") && e.what().contains("'LISTNEING'"), e.what());
        assertEquals(NetstatParser.parse("  TCP    10.0.0.5:80  10.0.0.1:5000  time_wait  0\n").get(0).state(), TcpState.TIME_WAIT);
    }

    private static ParseException expectThrows(String text) {
        try {
            NetstatParser.parse(text);
        } catch (ParseException e) {
            return e;
        }
        throw new AssertionError("no ParseException for " + text);
    }
}
