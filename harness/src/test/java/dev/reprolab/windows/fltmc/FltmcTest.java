package dev.reprolab.windows.fltmc;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class FltmcTest {

    @DataProvider
    public Object[][] win11() {
        return Fixtures.variants("netsh_fltmc/fltmc-win11-minifilter-readme.txt");
    }

    @Test(dataProvider = "win11")
    public void readsFiltersAndReproducesRows(String name, String text) {
        List<FilterRow> rows = FltmcParser.parse(text).filters();
        assertEquals(rows.size(), 12);
        assertEquals(rows.get(1), new FilterRow("UCPD", 4, "385250.5", 0));
        assertEquals(FltmcFormatter.filters(rows), "\r\n" + Lines.toCrlf(Fixtures.raw(
                "netsh_fltmc/fltmc-win11-minifilter-readme.txt").replace("\r\n", "\n")));
    }

    @Test
    public void readsLegacyRowAndAccessDenied() {
        FltmcParser.Result r = FltmcParser.parse(Fixtures.raw(
                "netsh_fltmc/fltmc-legacy-csagent-and-access-denied-test-fixture.txt"));
        assertEquals(r.error(), "0x80070005");
        assertEquals(r.message(), "Access is denied.");
        assertTrue(r.filters().get(0).legacy());
        assertEquals(FltmcFormatter.row(r.filters().get(0)),
                "cbfsconnect2017                                             <Legacy>");
        assertEquals(r.filters().get(2), new FilterRow("CSAgent", 9, "321410", 0));
        assertEquals(FltmcParser.parse(FltmcFormatter.accessDenied()).error(), "0x80070005");
    }
}
