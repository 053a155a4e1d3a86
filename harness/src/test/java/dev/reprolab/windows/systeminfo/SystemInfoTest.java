package dev.reprolab.windows.systeminfo;

import dev.reprolab.windows.Fixtures;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;

public class SystemInfoTest {

    @DataProvider
    public Object[][] r2() {
        return Fixtures.variants("systeminfo/jc-windows-2012r2-systeminfo.txt");
    }

    @Test(dataProvider = "r2")
    public void reads2012R2(String name, String text) {
        SystemInfo s = SystemInfoParser.parse(text);
        assertEquals(s.hostName(), "WIN-1A1A1AA11AA");
        assertEquals(s.osName(), "Microsoft Windows Server 2012 R2 Standard");
        assertEquals(s.build(), Integer.valueOf(9600));
        assertEquals(s.systemBootTime(), "3/28/2021, 2:34:44 PM");
        assertEquals(s.hotfixes(), List.of("KB2919355", "KB2975061", "KB2999226", "KB3151864", "KB4054566"));
        assertEquals(s.field("Virtual Memory: Max Size"), "5,731 MB");
        assertEquals(s.processors().size(), 1);
    }

    @Test
    public void reads2008R2AndWindows10() {
        SystemInfo rtm = SystemInfoParser.parse(Fixtures.raw(
                "systeminfo/systeminfo-2008r2-rtm-7600-htb-access-hotfix-count-only.txt"));
        assertEquals(rtm.field("OS Name"), "Microsoft Windows Server 2008 R2 Standard ");
        assertEquals(rtm.build(), Integer.valueOf(7600));
        assertEquals(rtm.field("Hotfix(s)"), "110 Hotfix(s) Installed.");
        assertEquals(rtm.processors().size(), 2);
        for (String f : List.of("systeminfo/jc-windows-10-systeminfo.txt", "systeminfo/jc-windows-10-systeminfo-hyperv.txt")) {
            SystemInfo w10 = SystemInfoParser.parse(Fixtures.raw(f));
            assertEquals(w10.osName().startsWith("Microsoft Windows 10"), true, f);
            assertEquals(w10.hotfixes().isEmpty(), false, f);
        }
    }

    @Test
    public void formatterReproducesCaptureAndRoundTrips() {
        String capture = Fixtures.raw("systeminfo/jc-windows-2012r2-systeminfo.txt");
        assertEquals(SystemInfoFormatter.format(SystemInfoParser.parse(capture)), capture);
        SystemInfo model = SystemInfoFormatter.windows2008R2Sp1("WIN2008R2-01", "10/1/2018, 3:04:05 PM",
                "10/24/2018, 9:35:12 AM", List.of("KB976902", "KB4338818"), "192.168.0.10");
        SystemInfo back = SystemInfoParser.parse(SystemInfoFormatter.format(model));
        assertEquals(back.hotfixes(), model.hotfixes());
        assertEquals(back.networkCards(), model.networkCards());
        assertEquals(back.build(), Integer.valueOf(7601));
        assertEquals(back.fields().get("OS Version"), "6.1.7601 Service Pack 1 Build 7601");
        assertEquals(SystemInfoFormatter.format(back), SystemInfoFormatter.format(model));
    }

    @Test
    public void aCaptureCutShortReportsTheDeclaredCountAndOnlyTheIdsListed() {
        SystemInfo cut = SystemInfoParser.parse(Fixtures.raw(
                "systeminfo/CUT-systeminfo-2012r2-208-hotfixes-cut-after-bare-index.txt"));
        assertEquals(cut.declaredHotfixCount(), Integer.valueOf(208));
        assertEquals(cut.hotfixes(), List.of("KB2894856", "KB2896496", "KB2919355", "KB2919442", "KB2934520"));
        assertEquals(cut.hotfixListComplete(), false);

        SystemInfo elided = SystemInfoParser.parse(Fixtures.raw("systeminfo/systeminfo-2012r2-208-hotfixes-elided-writeup.txt"));
        assertEquals(elided.declaredHotfixCount(), Integer.valueOf(208));
        assertEquals(elided.hotfixes(), List.of("KB2894856", "KB2896496", "KB2919355", "KB2919442", "KB2934520",
                "KB4566425", "KB4569753", "KB4571703"));
        assertEquals(elided.networkCards().get(0), "AWS PV Network Device");
        assertEquals(elided.field("Hyper-V Requirements").startsWith("A hypervisor"), true);

        SystemInfo countOnly = SystemInfoParser.parse(Fixtures.raw(
                "systeminfo/systeminfo-2008r2-rtm-7600-htb-access-hotfix-count-only.txt"));
        assertEquals(countOnly.declaredHotfixCount(), Integer.valueOf(110));
        assertEquals(countOnly.hotfixes(), List.of());

        SystemInfo whole = SystemInfoParser.parse(Fixtures.raw("systeminfo/jc-windows-2012r2-systeminfo.txt"));
        assertEquals(whole.hotfixListComplete(), true);
    }
}
