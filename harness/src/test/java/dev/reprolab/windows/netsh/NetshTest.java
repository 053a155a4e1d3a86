package dev.reprolab.windows.netsh;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

public class NetshTest {

    @DataProvider
    public Object[][] r2() {
        return Fixtures.variants("netsh_fltmc/netsh-int-tcp-show-global-2008r2-style-elatov-blog.txt");
    }

    @Test(dataProvider = "r2")
    public void readsSettings(String name, String text) {
        TcpGlobal g = NetshParser.parseTcpGlobal(text);
        assertEquals(g.settings().size(), 8);
        assertEquals(g.get("Chimney Offload State"), "automatic");
        assertEquals(g.get("Add-On Congestion Control Provider"), "ctcp");
    }

    @Test
    public void readsOtherCapturesAndReproducesLayout() {
        assertEquals(NetshParser.parseTcpGlobal(Fixtures.raw(
                "netsh_fltmc/netsh-interface-tcp-show-global-win7-heuristics-ask-wireshark.txt")).settings().size(), 8);
        String capture = Fixtures.raw("netsh_fltmc/netsh-int-tcp-show-global-win7-notes-file.txt");
        TcpGlobal g = NetshParser.parseTcpGlobal(capture);
        assertEquals(g, TcpGlobal.windows2008R2Defaults());
        String elatov = Fixtures.raw("netsh_fltmc/netsh-int-tcp-show-global-2008r2-style-elatov-blog.txt");
        String ours = NetshFormatter.tcpGlobal(NetshParser.parseTcpGlobal(elatov));
        assertEquals(Lines.toCrlf(elatov.substring(elatov.indexOf('\n') + 1)), ours);
        assertEquals(NetshParser.parseTcpGlobal(NetshFormatter.tcpGlobal(g)), g);
    }
}
