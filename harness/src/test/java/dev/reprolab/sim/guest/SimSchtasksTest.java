package dev.reprolab.sim.guest;

import static dev.reprolab.sim.guest.SimGuestTest.run;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.sim.SimVm;
import dev.reprolab.windows.schtasks.SchtasksCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.OptionalInt;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The simulated guest's schtasks.exe against what 2008 R2 prints (captures: a SYSTEM task's /query /v /fo list with
 * Status Running and Last Result 267009, a never-run one-time task's /v CSV row with Last Run Time 11/30/1999
 * 12:00:00 AM and Last Result 267011, the table's 40/22/15 columns, the WARNING on stderr for a past /st), and a
 * task run that happens after the command that started it has answered.
 */
public class SimSchtasksTest {

    private SimGuest g;

    @BeforeClass
    public void boot() throws Exception {
        g = SimGuestTest.booted(false);
    }

    @AfterClass(alwaysRun = true)
    public void close() {
        g.close();
    }

    @Test
    public void aOneTimeTaskInThePastIsCreatedWithAWarningOnStderrAndHasNotRun() {
        SimGuestTest.Out c = run(g, "schtasks /create /tn t-past /tr \"C:\\tools\\notthere.exe /x\" /sc once /st 00:00 /ru SYSTEM /f");
        assertEquals(c.exit(), 0);
        assertEquals(c.stdout(), "SUCCESS: The scheduled task \"t-past\" has successfully been created.\r\n");
        assertEquals(c.stderr(), "WARNING: Task may not run because /ST is earlier than current time.\r\n");
        String list = run(g, "schtasks /query /tn t-past /fo list /v").stdout();
        assertTrue(list.startsWith("\r\nFolder: \\\r\nHostName:                             " + g.computerName() + "\r\n"
                + "TaskName:                             \\t-past\r\nNext Run Time:                        N/A\r\n"
                + "Status:                               Ready\r\nLogon Mode:                           Interactive/Background\r\n"
                + "Last Run Time:                        11/30/1999 12:00:00 AM\r\nLast Result:                          267011\r\n"), list);
        assertTrue(list.contains("\r\nStop Task If Runs X Hours and X Mins: 72:00:00\r\n"), list);
        assertTrue(list.contains("\r\nSchedule Type:                        One Time Only\r\nStart Time:                           12:00:00 AM\r\n"), list);
        String csv = run(g, "schtasks /query /tn t-past /fo csv /nh /v").stdout();
        assertTrue(csv.startsWith("\"" + g.computerName() + "\",\"\\t-past\",\"N/A\",\"Ready\",\"Interactive/Background\","
                + "\"11/30/1999 12:00:00 AM\",\"267011\",\"" + g.computerName() + "\\Administrator\",\"C:\\tools\\notthere.exe /x\",\"N/A\","), csv);
        String today = java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy").format(g.clock().instant().atZone(java.time.ZoneOffset.UTC));
        assertTrue(csv.endsWith(",\"One Time Only\",\"12:00:00 AM\",\"" + today
                + "\",\"N/A\",\"N/A\",\"N/A\",\"Disabled\",\"Disabled\",\"Disabled\",\"Disabled\"\r\n"), csv);
        assertEquals(run(g, "schtasks /query /tn t-past").stdout(), "\r\nFolder: \\\r\n"
                + "TaskName                                 Next Run Time          Status         \r\n"
                + "======================================== ====================== ===============\r\n"
                + "t-past                                   N/A                    Ready          \r\n");
    }

    @Test
    public void aRunStartsTheProgramAfterTheCommandAnsweredAndLastResultIsItsExitCode() {
        assertEquals(run(g, "schtasks /create /tn t-wusa /tr \"wusa.exe C:\\lab\\none.msu /quiet /norestart\" /sc once /st 00:00 /ru SYSTEM /f").exit(), 0);
        SimGuestTest.Out r = run(g, "schtasks /run /tn t-wusa");
        assertEquals(r.exit(), 0);
        assertEquals(r.stdout(), "SUCCESS: Attempted to run the scheduled task \"t-wusa\".\r\n");
        // wusa from a task is not in a remote session: it gets as far as the missing file (exit 2), not access denied (5)
        await().atMost(Duration.ofSeconds(10)).until(() -> lastResult("t-wusa").equals(OptionalInt.of(2)));
        assertTrue(run(g, "schtasks /query /tn t-wusa /fo list").stdout().contains("\r\nStatus:        Ready\r\n"));
    }

    @Test
    public void aRunningTaskShowsRunningAndEndsOnEnd() {
        assertEquals(run(g, "schtasks /create /tn t-long /tr \"powershell -Command Start-Sleep -Seconds 600\" /sc once /st 00:00 /ru SYSTEM /f").exit(), 0);
        assertEquals(run(g, "schtasks /run /tn t-long").exit(), 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastResult("t-long").equals(OptionalInt.of(267009)));
        assertTrue(run(g, "schtasks /query /tn t-long /fo list /v").stdout().contains("\r\nStatus:                               Running\r\n"));
        assertTrue(run(g, "tasklist /fo csv /nh").stdout().contains("\"powershell.exe\""), "the task's program is a process of its own");
        SimGuestTest.Out end = run(g, "schtasks /end /tn t-long");
        assertEquals(end.stdout(), "SUCCESS: The scheduled task \"t-long\" has been terminated successfully.\r\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> !lastResult("t-long").equals(OptionalInt.of(267009)));
        SimGuestTest.Out again = run(g, "schtasks /end /tn t-long");
        assertEquals(again.exit(), 1);
        assertEquals(again.stderr(), "ERROR: The task is not running.\r\n");
    }

    @Test
    public void anUnknownTaskIsTheFileNotFoundErrorAndDeleteRemovesATask() {
        for (String verb : new String[] {"/run", "/end", "/delete", "/query"}) {
            SimGuestTest.Out r = run(g, "schtasks " + verb + " /tn no-such-task" + (verb.equals("/delete") ? " /f" : ""));
            assertEquals(r.exit(), 1, verb);
            assertEquals(r.stderr(), "ERROR: The system cannot find the file specified.\r\n", verb);
            assertEquals(r.stdout(), "", verb);
        }
        assertEquals(run(g, "schtasks /create /tn t-del /tr notepad.exe /sc once /st 23:59 /f").exit(), 0);
        assertEquals(run(g, "schtasks /delete /tn t-del /f").stdout(), "SUCCESS: The scheduled task \"t-del\" was successfully deleted.\r\n");
        assertEquals(run(g, "schtasks /query /tn t-del").exit(), 1);
    }

    @Test
    public void aTaskMadeFromXmlRunsAtEveryBoot() throws Exception {
        assertEquals(run(g, "schtasks /create /tn t-boot /tr \"wusa.exe C:\\lab\\boot.msu /quiet\" /sc onstart /ru SYSTEM /rl highest /f").exit(), 0);
        String xml = run(g, "schtasks /query /tn t-boot /xml").stdout();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Task version=\"1.2\""), xml);
        assertTrue(xml.contains("<BootTrigger>") && xml.contains("<UserId>S-1-5-18</UserId>") && xml.contains("<RunLevel>HighestAvailable</RunLevel>")
                && xml.contains("<Command>wusa.exe</Command>") && xml.contains("<Arguments>C:\\lab\\boot.msu /quiet</Arguments>"), xml);
        Files.createDirectories(g.file("C:\\lab"));
        Files.write(g.file("C:\\lab\\boot.xml"), ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE));
        assertEquals(run(g, "schtasks /delete /tn t-boot /f").exit(), 0);
        SimGuestTest.Out made = run(g, "schtasks /create /tn t-boot2 /xml C:\\lab\\boot.xml");
        assertEquals(made.stdout(), "SUCCESS: The scheduled task \"t-boot2\" has successfully been created.\r\n", made.stderr());
        assertEquals(lastResult("t-boot2"), OptionalInt.of(267011));
        g.restart("test");
        await().atMost(Duration.ofSeconds(20)).until(() -> g.powerState() == SimVm.PowerState.RUNNING && lastResult("t-boot2").equals(OptionalInt.of(2)));
    }

    private OptionalInt lastResult(String task) {
        return SchtasksCsv.lastResult(run(g, "schtasks /query /tn " + task + " /fo csv /nh /v").stdout());
    }
}
