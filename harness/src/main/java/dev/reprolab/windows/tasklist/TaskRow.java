package dev.reprolab.windows.tasklist;

/** One process as tasklist lists it; memory in KB as printed ("12,345 K" is 12345). */
public record TaskRow(String imageName, int pid, String sessionName, int sessionNumber, long memUsageKb) {
}
