package dev.reprolab.windows.tasklist;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * taskkill's result lines (SUCCESS on stdout, ERROR on stderr), as captured on real machines
 * (fixtures/windows/tasklist). An ERROR with a Reason is followed by an empty line, as in the byte-exact
 * stderr capture of {@code taskkill /f /im} refused with access denied.
 */
public final class TaskkillFormatter {

    private TaskkillFormatter() {
    }

    /** {@code taskkill /f /pid N} succeeded. */
    public static String success(int pid) {
        return "SUCCESS: The process with PID " + pid + " has been terminated." + CRLF;
    }

    /** {@code taskkill /f /im IMAGE} succeeded for one process. */
    public static String success(String image, int pid) {
        return "SUCCESS: The process \"" + image + "\" with PID " + pid + " has been terminated." + CRLF;
    }

    /** {@code taskkill /f /t}: a child terminated as part of a tree. */
    public static String successChild(int pid, int parentPid) {
        return "SUCCESS: The process with PID " + pid + " (child process of PID " + parentPid
                + ") has been terminated." + CRLF;
    }

    /** No process with this PID. */
    public static String notFound(int pid) {
        return "ERROR: The process \"" + pid + "\" not found." + CRLF;
    }

    /** Access denied; {@code image} null gives the {@code /pid} form ("The process with PID N ..."). */
    public static String accessDenied(String image, int pid) {
        return error(image, pid, "Access is denied.");
    }

    /** A refusal with a reason, e.g. "This process can only be terminated forcefully (with /F option).". */
    public static String error(String image, int pid, String reason) {
        String who = image == null ? "The process with PID " + pid
                : "The process \"" + image + "\" with PID " + pid;
        return "ERROR: " + who + " could not be terminated." + CRLF + "Reason: " + reason + CRLF + CRLF;
    }
}
