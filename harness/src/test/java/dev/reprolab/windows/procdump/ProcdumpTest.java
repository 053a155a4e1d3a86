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

    @DataProvider
    public Object[][] everyLayout() {
        // file, version, pid, dump path, estimated MB, written MB, seconds, available bytes, count reached
        Object[][] rows = {
                {"procdump-v8.0-ma-w3wp-writes-process-dump-files.txt", "8.0", null,
                        "c:\\temp\\w3wp.exe_160917_124859.dmp", 5612L, 5614L, 55.6, null, true},
                {"procdump-v9.0-ma-firefox-evilwinrm-0xdf-heist.txt", "9.0", 6252,
                        "C:\\Users\\Chase\\Documents\\firefox.exe_190823_025430.dmp", 280L, 281L, 2.1, null, true},
                {"procdump-v10.11-ma-svchost.txt", "10.11", 3220,
                        "C:\\Users\\Administrator\\Desktop\\rdp_dump.dmp", 151L, 151L, 2.7, null, true},
                {"procdump-v11.1-ma-lsass-info-available-space.txt", "11.1", null,
                        "C:\\Users\\alaading\\Documents\\lsass.dmp", 44L, 44L, 1.5, 7351676928L, true},
                {"procdump-v11.1-ma-pid-padded-no-blank-line.txt", "11.1", null,
                        "C:\\Users\\Chase\\firefox.exe_260314_020746.dmp", 288L, 288L, 1.6, 3748245504L, true},
                {"procdump-v12.0-ma-firefox-evilwinrm.txt", "12.0", 3540,
                        "C:\\Users\\Chase\\FIREFOX.dump.dmp", 298L, 298L, 0.5, 3676868608L, true},
        };
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            for (Object[] v : Fixtures.variants("sysinternals/" + r[0])) {
                Object[] row = r.clone();
                row[0] = v[0];
                out.add(new Object[]{row, v[1]});
            }
        }
        return out.toArray(new Object[0][]);
    }

    @Test(dataProvider = "everyLayout")
    public void readsEveryLayoutFromV8ToV12(Object[] want, String text) {
        ProcdumpRun run = ProcdumpParser.parse(text);
        assertEquals(run.version(), want[1], (String) want[0]);
        assertEquals(run.pid(), want[2], (String) want[0]);
        assertEquals(run.dumps().size(), 1, (String) want[0]);
        DumpWrite d = run.dumps().get(0);
        assertEquals(d.number(), 1);
        assertEquals(d.path(), want[3], (String) want[0]);
        assertEquals(d.estimatedMb(), want[4], (String) want[0]);
        assertEquals(d.writtenMb(), want[5], (String) want[0]);
        assertEquals(d.seconds(), want[6], (String) want[0]);
        assertEquals(d.availableBytes(), want[7], (String) want[0]);
        assertEquals(d.info().isEmpty(), want[7] == null, (String) want[0]);
        assertEquals(run.countReached(), want[8], (String) want[0]);
        assertNull(d.error());
    }

    @Test
    public void readsV7MonitoringExceptionsAndAV10DumpError() {
        ProcdumpRun v7 = ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-v7.1-e-1-f-monitor-first-chance-clr.txt"));
        assertEquals(v7.version(), "7.1");
        assertEquals(v7.pid(), null);
        assertTrue(v7.dumps().isEmpty());
        assertEquals(v7.exceptions().size(), 2);
        assertTrue(v7.exceptions().get(0).startsWith("Exception: E0434F4D.System.NullReferenceException"));
        ProcdumpRun err = ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-v10.1-dump-error-0x80070057.txt"));
        DumpWrite d = err.dumps().get(0);
        assertEquals(d.path(), "c:\\temp\\cmd.exe_210803_154440.dmp");
        assertEquals(d.error(), "Error writing dump file: 0x80070057 The parameter is incorrect. (0x80070057, -2147024809)");
        assertTrue(d.failed());
        assertTrue(!d.completed());
        assertTrue(err.countReached());
        ProcdumpRun clr = ProcdumpParser.parse(Fixtures.raw("sysinternals/procdump-e-unhandled-clr-json-log.txt"));
        assertTrue(clr.exceptions().stream().anyMatch(e -> e.startsWith("Unhandled: ")), clr.exceptions().toString());
    }

    @Test
    public void twoV11RunsInOneCaptureAreTwoDumps() {
        String a = Fixtures.raw("sysinternals/procdump-v11.1-ma-lsass-info-available-space.txt");
        String b = Fixtures.raw("sysinternals/procdump-v12.0-ma-firefox-evilwinrm.txt");
        ProcdumpRun run = ProcdumpParser.parse(a + b);
        assertEquals(run.dumps().size(), 2);
        assertEquals(run.dumps().get(0).availableBytes(), Long.valueOf(7351676928L));
        assertEquals(run.dumps().get(1).availableBytes(), Long.valueOf(3676868608L));
        assertEquals(run.dumps().get(1).path(), "C:\\Users\\Chase\\FIREFOX.dump.dmp");
        assertEquals(run.dumps().get(1).info(), List.of("Available space: 3676868608"));
    }
}
