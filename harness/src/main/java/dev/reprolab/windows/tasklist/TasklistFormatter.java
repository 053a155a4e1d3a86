package dev.reprolab.windows.tasklist;

import java.util.List;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders tasklist output as an en-US Windows prints it: table rows {@code "%-25s %8s %-16s %11s %12s"} (checked
 * against real captures), image names cut at 25 characters, memory with a comma thousands separator and " K".
 */
public final class TasklistFormatter {

    static final String HEADER = "Image Name                     PID Session Name        Session#    Mem Usage";
    static final String RULE = "========================= ======== ================ =========== ============";
    static final String CSV_HEADER = "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"";

    private TasklistFormatter() {
    }

    /** {@code tasklist} ({@code header}) or {@code tasklist /nh}: an empty line, then header and rows. */
    public static String table(List<TaskRow> rows, boolean header) {
        if (rows.isEmpty()) {
            return noTasks();
        }
        StringBuilder b = new StringBuilder(CRLF);
        if (header) {
            b.append(HEADER).append(CRLF).append(RULE).append(CRLF);
        }
        for (TaskRow r : rows) {
            b.append(row(r)).append(CRLF);
        }
        return b.toString();
    }

    /** One table row without line end. */
    public static String row(TaskRow r) {
        String image = r.imageName().length() > 25 ? r.imageName().substring(0, 25) : r.imageName();
        return String.format("%-25s %8d %-16s %11d %12s", image, r.pid(), r.sessionName(), r.sessionNumber(),
                memory(r.memUsageKb()));
    }

    /** {@code tasklist /fo csv} ({@code header}) or with {@code /nh}. */
    public static String csv(List<TaskRow> rows, boolean header) {
        if (rows.isEmpty()) {
            return noTasks();
        }
        StringBuilder b = new StringBuilder();
        if (header) {
            b.append(CSV_HEADER).append(CRLF);
        }
        for (TaskRow r : rows) {
            b.append('"').append(r.imageName()).append("\",\"").append(r.pid()).append("\",\"")
                    .append(r.sessionName()).append("\",\"").append(r.sessionNumber()).append("\",\"")
                    .append(memory(r.memUsageKb())).append('"').append(CRLF);
        }
        return b.toString();
    }

    /** What tasklist prints when a filter matches nothing. */
    public static String noTasks() {
        return "INFO: No tasks are running which match the specified criteria." + CRLF;
    }

    /** "12,345 K" (en-US grouping). */
    public static String memory(long kb) {
        return String.format(java.util.Locale.ROOT, "%,d K", kb);
    }
}
