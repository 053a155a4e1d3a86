package dev.reprolab.windows.tasklist;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;

public class TasklistTest {

    @DataProvider
    public Object[][] findstr() {
        return Fixtures.variants("tasklist/tasklist-findstr-bash-2017.txt");
    }

    @Test(dataProvider = "findstr")
    public void readsRowsAndReproducesTheirLayout(String name, String text) {
        List<TaskRow> rows = TasklistParser.parse(text);
        assertEquals(rows.get(0), new TaskRow("git-bash.exe", 9820, "Console", 1, 2912));
        assertEquals(rows.size(), 4);
        List<String> captured = Lines.split(text).subList(1, 5);
        assertEquals(rows.stream().map(TasklistFormatter::row).toList(), captured);
    }

    @Test
    public void readsAnyThousandsSeparator() {
        for (String mem : List.of("255,792 K", "255.792 K", "255 792 K", "255\u00a0792 K", "255'792 K")) {
            String line = String.format("%-25s %8s %-16s %11s %12s", "httpd.exe", "1844", "Services", "0", mem);
            assertEquals(TasklistParser.parse(line).get(0), new TaskRow("httpd.exe", 1844, "Services", 0, 255792), mem);
        }
        assertEquals(TasklistParser.parse("\"httpd.exe\",\"1844\",\"Services\",\"0\",\"2.672 K\"\r\n").get(0),
                new TaskRow("httpd.exe", 1844, "Services", 0, 2672));
    }

    @Test
    public void tableAndCsvRoundTrip() {
        List<TaskRow> model = List.of(new TaskRow("System Idle Process", 0, "Services", 0, 24),
                new TaskRow("httpd.exe", 1844, "Services", 0, 1_234_567),
                new TaskRow("a-very-long-image-name.exe", 2000, "Console", 1, 5000));
        List<TaskRow> table = TasklistParser.parse(TasklistFormatter.table(model, true));
        assertEquals(table.subList(0, 2), model.subList(0, 2));
        assertEquals(table.get(2).imageName(), "a-very-long-image-name.ex", "tasklist cuts names at 25");
        assertEquals(TasklistParser.parse(TasklistFormatter.table(model, false)).size(), 3);
        assertEquals(TasklistParser.parse(TasklistFormatter.csv(model, true)), model);
        assertEquals(TasklistParser.parse(TasklistFormatter.csv(model, false)), model);
        assertEquals(TasklistParser.parse(TasklistFormatter.noTasks()), List.of());
        org.testng.Assert.assertTrue(TasklistFormatter.table(model, true).startsWith("\r\nImage Name"
                + "                     PID Session Name        Session#    Mem Usage\r\n===="));
    }

    @Test
    public void readsTaskkillLines() {
        List<TaskkillResult> denied = TaskkillParser.parse(Fixtures.raw(
                "tasklist/taskkill-f-im-access-denied-multi-json-capture.txt"));
        assertEquals(denied.size(), 4);
        assertEquals(denied.get(0), new TaskkillResult("ERROR", 9592, "llama-server.exe", null, "Access is denied."));
        assertEquals(TaskkillParser.parse(Fixtures.raw("tasklist/taskkill-f-im-bash-success-multi.txt")).size(), 8);
        assertEquals(TaskkillParser.parse(Fixtures.raw("tasklist/taskkill-f-t-pid-tree-success-ci-log.txt")).get(0),
                new TaskkillResult("SUCCESS", 5668, null, 1828, null));
        assertEquals(TaskkillParser.parse(Fixtures.raw("tasklist/taskkill-pid-f-not-found.txt")),
                List.of(new TaskkillResult("ERROR", 52172, null, null, "not found")));
        assertEquals(TaskkillParser.parse(Fixtures.raw("tasklist/taskkill-pid-without-f-only-forcefully.txt")).get(0)
                .reason(), "This process can only be terminated forcefully (with /F option).");
        assertEquals(TaskkillParser.parse(Fixtures.raw("tasklist/taskkill-t-f-child-no-running-instance.txt")).get(0),
                new TaskkillResult("ERROR", 6924, null, 6736, "There is no running instance of the task."));
    }

    @Test
    public void taskkillFormatterMatchesCapturesAndRoundTrips() {
        String capture = Lines.toCrlf(Fixtures.raw("tasklist/taskkill-f-im-access-denied-multi-json-capture.txt"));
        assertEquals(TaskkillFormatter.accessDenied("llama-server.exe", 9592),
                capture.substring(0, TaskkillFormatter.accessDenied("llama-server.exe", 9592).length()));
        assertEquals(TaskkillFormatter.accessDenied(null, 1844),
                "ERROR: The process with PID 1844 could not be terminated.\r\nReason: Access is denied.\r\n\r\n");
        assertEquals(TaskkillParser.parse(TaskkillFormatter.success(1844)),
                List.of(new TaskkillResult("SUCCESS", 1844, null, null, null)));
        assertEquals(TaskkillFormatter.notFound(52172), "ERROR: The process \"52172\" not found.\r\n");
        assertEquals(TaskkillFormatter.success("bash.exe", 6408),
                Lines.toCrlf(Lines.split(Fixtures.raw("tasklist/taskkill-f-im-bash-success-multi.txt")).get(1) + "\n"));
    }
}
