package dev.reprolab.remote;

import java.time.Duration;

/**
 * What a command produced: its exit code and its output as the guest wrote it (CRLF line ends kept).
 *
 * @param commandLine the command as run, with secrets masked
 * @param exitCode the process exit code (cmd's %ERRORLEVEL%)
 * @param stdout standard output, decoded from the guest's code page
 * @param stderr standard error
 * @param elapsed wall time from sending the command to its Done state
 */
public record CommandResult(String commandLine, int exitCode, String stdout, String stderr, Duration elapsed) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
