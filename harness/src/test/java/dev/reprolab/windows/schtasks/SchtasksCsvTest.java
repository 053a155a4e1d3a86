package dev.reprolab.windows.schtasks;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.OptionalInt;
import org.testng.annotations.Test;

/** A task's Last Result read by column position from {@code schtasks /query /fo csv /nh /v}, in any UI language. */
public class SchtasksCsvTest {

    /** A captured /v CSV row of a never-run one-time SYSTEM task; Task To Run carries its own quotes unescaped. */
    static final String NEVER_RUN = "\"WINDESK.local\",\"\\fzuZbSwfXc\",\"N/A\",\"Ready\",\"Interactive/Background\","
            + "\"11/30/1999 12:00:00 AM\",\"267011\",\"WINDEST\\Administrator\",\"reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows NT"
            + "\\CurrentVersion\\Schedule\\TaskCache\\Tree\\DGvtFiFtnZQVmtY\" /v \"SD\"\",\"N/A\",\"N/A\",\"Enabled\",\"Disabled\","
            + "\"Stop On Battery Mode, No Start On Batteries\",\"SYSTEM\",\"Disabled\",\"72:00:00\",\"Scheduling data is not available"
            + " in this format.\",\"One Time Only\",\"12:00:00 AM\",\"5/10/2020\",\"N/A\",\"N/A\",\"N/A\",\"Disabled\",\"Disabled\","
            + "\"Disabled\",\"Disabled\"\r\n";

    /**
     * The lines a German 2008 R2 prints for {@code /fo list /v} start with translated names (as captured:
     * "Aufgabenname:", "Status der geplanten Aufgabe:  Aktiviert", "Anmeldemodus:  Nur interaktiv"), so reading
     * English "Status:" / "Last Result:" finds nothing there and a wusa task would be polled until its deadline.
     */
    static final String GERMAN_LIST = "\r\nAufgabenname:                  \\reprolab-KB4338818\r\n"
            + "Status der geplanten Aufgabe:  Aktiviert\r\nAnmeldemodus:  Nur interaktiv\r\n";

    @Test
    public void theCapturedRowReadsAsNotYetRunDespiteTheUnescapedQuotesAfterIt() {
        assertEquals(SchtasksCsv.lastResult(NEVER_RUN), OptionalInt.of(TaskView.HAS_NOT_RUN));
    }

    @Test
    public void aRowWhoseWordsAreNotEnglishReadsTheSameByPosition() {
        // what changes with the UI language: the Status and Logon Mode words and the date format; the column does not
        String german = NEVER_RUN.replace("\"Ready\"", "\"Bereit\"").replace("\"11/30/1999 12:00:00 AM\"", "\"02.12.2026 03:00:00\"")
                .replace("\"267011\"", "\"3010\"");
        assertEquals(SchtasksCsv.lastResult(german), OptionalInt.of(3010));
        assertEquals(SchtasksCsv.lastResult(german.replace("\"3010\"", "\"-2145124329\"")), OptionalInt.of(0x80240017));
    }

    @Test
    public void theOldEnglishListNamesAreNotOnAGermanGuest() {
        assertTrue(GERMAN_LIST.lines().noneMatch(l -> l.startsWith("Last Result:") || l.startsWith("Status:")));
        assertEquals(SchtasksCsv.lastResult(GERMAN_LIST), OptionalInt.empty());
    }

    @Test
    public void noRowAnErrorOrOnlyAHeaderIsEmpty() {
        assertEquals(SchtasksCsv.lastResult(""), OptionalInt.empty());
        assertEquals(SchtasksCsv.lastResult("ERROR: The system cannot find the file specified.\r\n"), OptionalInt.empty());
        assertEquals(SchtasksCsv.lastResult(SchtasksFormatter.csv(java.util.List.of(), true, false)), OptionalInt.empty());
    }

    @Test
    public void theFormattersVerboseRowReadsBack() {
        TaskView t = new TaskView("WIN-LAB01", "\\lab-crash", "N/A", "Running", "Interactive/Background", "12/2/2026 3:00:00 AM",
                TaskView.RUNNING, "WIN-LAB01\\Administrator", "C:\\tools\\notmyfaultc64.exe /accepteula crash 0x01", "SYSTEM",
                "One Time Only", "12:00:00 AM", "12/2/2026");
        String csv = SchtasksFormatter.csv(java.util.List.of(t), true, false);
        assertTrue(csv.startsWith("\"HostName\",\"TaskName\",\"Next Run Time\",\"Status\",\"Logon Mode\",\"Last Run Time\",\"Last Result\","), csv);
        assertEquals(SchtasksCsv.lastResult(csv), OptionalInt.of(TaskView.RUNNING));
    }
}
