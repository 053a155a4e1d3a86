package dev.reprolab.windows.procdump;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.LocalTime;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

public class ProcdumpTest {

    @DataProvider
    public Object[][] v9() {
        return Fixtures.variants("sysinternals/procdump-v9.0-ma-firefox-evilwinrm-0xdf-heist.txt");
    }

    @Test(dataProvider = "v9")
    public void readsV9(String name, String text) {
        ProcdumpRun run = ProcdumpParser.parse(text);
        assertEquals(run.version(), "9.0");
        assertEquals(run.pid(), Integer.valueOf(6252));
        assertEquals(run.dumps(), List.of(new DumpWrite(1, "C:\\Users\\Chase\\Documents\\firefox.exe_190823_025430.dmp",
                LocalTime.of(2, 54, 30), 280L, LocalTime.of(2, 54, 32), 281L, 2.1)));
        assertTrue(run.countReached());
    }

    @Test
    public void readsOtherVersionsAndForms() {
        assertEquals(ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-v10.0-ma-firefox-evilwinrm.txt")).version(), "10.0");
        ProcdumpRun v1011 = ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-v10.11-ma-svchost.txt"));
        assertEquals(v1011.pid(), Integer.valueOf(3220));
        assertEquals(v1011.dumps().get(0).writtenMb(), Long.valueOf(151));
        ProcdumpRun nobanner = ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-ma-firefox-spanish-writeup-nobanner.txt"));
        assertNull(nobanner.version());
        assertEquals(nobanner.pid(), Integer.valueOf(6184));
        ProcdumpRun clr = ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-e-unhandled-clr-json-log.txt"));
        assertTrue(clr.dumps().get(0).completed());
    }

    @Test
    public void formatterMatchesCaptureAndRoundTrips() {
        String capture = Fixtures.raw("sysinternals/procdump-v9.0-ma-firefox-evilwinrm-0xdf-heist.txt");
        ProcdumpRun run = ProcdumpParser.parse(capture);
        String ours = ProcdumpFormatter.format(new ProcdumpRun("9.0", null, run.dumps(), true), LocalTime.of(2, 54, 33));
        List<String> captured = Lines.split(capture).subList(1, 10);
        assertEquals(Lines.split(ours).subList(0, 9), captured);
        assertEquals(ProcdumpParser.parse(ours).dumps(), run.dumps());
    }
}
