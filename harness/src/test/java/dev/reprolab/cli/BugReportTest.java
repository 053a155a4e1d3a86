package dev.reprolab.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.testng.annotations.Test;

public class BugReportTest {

    @Test
    public void aBugPrintsItsStackTraceThenOneClearLastLineAndExitsFour() {
        StringWriter err = new StringWriter();
        int code = BugReport.print(new NullPointerException("Cannot invoke \"String.length()\""), new PrintWriter(err));
        assertEquals(code, Main.EXIT_BUG);
        List<String> lines = err.toString().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat dev.reprolab.cli.BugReportTest")), err.toString());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("lab: bug in the harness (not a lab failure): java.lang.NullPointerException"), last);
    }
}
