package dev.reprolab.windows.schtasks;

import static dev.reprolab.windows.text.Lines.CRLF;

import java.util.List;

/**
 * schtasks.exe's output on Windows Server 2008 R2 (English), as in real captures: the {@code /query} layouts (table
 * with its 40/22/15 columns, list with labels padded to the longest, CSV with every value quoted and Task To Run's own
 * quotes left as they are), each folder under a {@code Folder: \} line after an empty one, and the one-line
 * SUCCESS / WARNING / ERROR results. Tasks in the root folder show as {@code \NAME} except in the table's first
 * column. Errors go to stderr, everything else to stdout.
 */
public final class SchtasksFormatter {

    static final List<String> VERBOSE = List.of("HostName", "TaskName", "Next Run Time", "Status", "Logon Mode",
            "Last Run Time", "Last Result", "Author", "Task To Run", "Start In", "Comment", "Scheduled Task State",
            "Idle Time", "Power Management", "Run As User", "Delete Task If Not Rescheduled",
            "Stop Task If Runs X Hours and X Mins", "Schedule", "Schedule Type", "Start Time", "Start Date", "End Date",
            "Days", "Months", "Repeat: Every", "Repeat: Until: Time", "Repeat: Until: Duration",
            "Repeat: Stop If Still Running");
    static final List<String> BRIEF = List.of("HostName", "TaskName", "Next Run Time", "Status", "Logon Mode");
    static final List<String> CSV_BRIEF = List.of("TaskName", "Next Run Time", "Status");

    private SchtasksFormatter() {
    }

    public static String created(String name) {
        return "SUCCESS: The scheduled task \"" + name + "\" has successfully been created." + CRLF;
    }

    /** On stderr, before the SUCCESS line: a {@code /sc once} task whose {@code /st} has passed is created anyway. */
    public static String startTimeInThePast() {
        return "WARNING: Task may not run because /ST is earlier than current time." + CRLF;
    }

    public static String ran(String name) {
        return "SUCCESS: Attempted to run the scheduled task \"" + name + "\"." + CRLF;
    }

    public static String terminated(String name) {
        return "SUCCESS: The scheduled task \"" + name + "\" has been terminated successfully." + CRLF;
    }

    public static String deleted(String name) {
        return "SUCCESS: The scheduled task \"" + name + "\" was successfully deleted." + CRLF;
    }

    /** The task does not exist (HRESULT 0x80070002), for /run, /end, /delete and /query /tn. */
    public static String notFound() {
        return "ERROR: The system cannot find the file specified." + CRLF;
    }

    public static String notRunning() {
        return "ERROR: The task is not running." + CRLF;
    }

    /** A switch schtasks does not know, followed by the usage hint. */
    public static String invalidArgument(String arg, String verb) {
        return "ERROR: Invalid argument/option - '" + arg + "'." + CRLF + "Type \"SCHTASKS /" + verb + " /?\" for usage." + CRLF;
    }

    /** {@code /fo table}, optionally without the header ({@code /nh}). */
    public static String table(List<TaskView> tasks, boolean noHeader) {
        StringBuilder b = new StringBuilder(CRLF).append("Folder: \\").append(CRLF);
        if (!noHeader) {
            b.append(pad("TaskName", 40)).append(' ').append(pad("Next Run Time", 22)).append(' ').append(pad("Status", 15)).append(CRLF);
            b.append("=".repeat(40)).append(' ').append("=".repeat(22)).append(' ').append("=".repeat(15)).append(CRLF);
        }
        for (TaskView t : tasks) {
            String name = t.taskName().startsWith("\\") ? t.taskName().substring(1) : t.taskName();
            b.append(pad(name, 40)).append(' ').append(pad(t.nextRunTime(), 22)).append(' ').append(pad(t.status(), 15)).append(CRLF);
        }
        return b.toString();
    }

    /** {@code /fo list}, brief or {@code /v}; the labels are padded to the longest label plus one space. */
    public static String list(List<TaskView> tasks, boolean verbose) {
        List<String> labels = verbose ? VERBOSE : BRIEF;
        int width = labels.stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder b = new StringBuilder(CRLF).append("Folder: \\").append(CRLF);
        for (int i = 0; i < tasks.size(); i++) {
            if (i > 0) {
                b.append(CRLF);
            }
            List<String> values = values(tasks.get(i), verbose);
            for (int j = 0; j < labels.size(); j++) {
                b.append(pad(labels.get(j) + ":", width)).append(values.get(j)).append(CRLF);
            }
        }
        return b.toString();
    }

    /** {@code /fo csv}, brief ({@code "TaskName","Next Run Time","Status"}) or {@code /v}, optionally without the header. */
    public static String csv(List<TaskView> tasks, boolean verbose, boolean noHeader) {
        StringBuilder b = new StringBuilder();
        if (!noHeader) {
            b.append(quoted(verbose ? VERBOSE : CSV_BRIEF)).append(CRLF);
        }
        for (TaskView t : tasks) {
            List<String> v = values(t, verbose);
            b.append(quoted(verbose ? v : List.of(v.get(1), v.get(2), v.get(3)))).append(CRLF);
        }
        return b.toString();
    }

    static List<String> values(TaskView t, boolean verbose) {
        List<String> brief = List.of(t.hostName(), t.taskName(), t.nextRunTime(), t.status(), t.logonMode());
        if (!verbose) {
            return brief;
        }
        boolean atBoot = t.scheduleType().equals("At system start up");
        String repeat = atBoot ? "N/A" : "Disabled";
        return List.of(t.hostName(), t.taskName(), t.nextRunTime(), t.status(), t.logonMode(), t.lastRunTime(),
                Integer.toString(t.lastResult()), t.author(), t.taskToRun(), "N/A", "N/A", "Enabled", "Disabled",
                "Stop On Battery Mode, No Start On Batteries", t.runAsUser(), "Disabled", "72:00:00",
                "Scheduling data is not available in this format.", t.scheduleType(), t.startTime(), t.startDate(),
                "N/A", "N/A", "N/A", repeat, repeat, repeat, repeat);
    }

    private static String quoted(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append('"').append(v).append('"');
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
