package dev.reprolab.windows.schtasks;

/**
 * One task as {@code schtasks /query} shows it, every value already in its displayed form (dates as the guest's
 * locale prints them, {@code N/A} where there is none).
 *
 * @param taskName    full name with its folder, e.g. {@code \lab-crash}
 * @param lastResult  the last run's exit code, or 267011 (SCHED_S_TASK_HAS_NOT_RUN) / 267009 (SCHED_S_TASK_RUNNING)
 * @param scheduleType {@code One Time Only}, {@code At system start up}
 */
public record TaskView(String hostName, String taskName, String nextRunTime, String status, String logonMode,
                       String lastRunTime, int lastResult, String author, String taskToRun, String runAsUser,
                       String scheduleType, String startTime, String startDate) {

    /** SCHED_S_TASK_RUNNING (0x41301): Last Result while the task runs. */
    public static final int RUNNING = 267009;
    /** SCHED_S_TASK_HAS_NOT_RUN (0x41303): Last Result of a task that has never run. */
    public static final int HAS_NOT_RUN = 267011;
    /** Last Run Time of a task that has never run, as 2008 R2 prints it. */
    public static final String NEVER_RUN = "11/30/1999 12:00:00 AM";
}
