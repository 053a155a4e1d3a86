package dev.reprolab.windows.tasklist;

/**
 * One taskkill result: "SUCCESS" or "ERROR", the pid (null when the error names only an image or pid text,
 * e.g. {@code ERROR: The process "52172" not found.} gives pid 52172), the image when named, the parent pid of a
 * tree kill, and the reason of an ERROR (the "Reason:" line, or "not found").
 */
public record TaskkillResult(String result, Integer pid, String image, Integer parentPid, String reason) {
}
