package dev.reprolab.sim.winrm;

import java.util.List;

/**
 * A {@code shell/Command} as received.
 *
 * @param command the {@code rsp:Command} text (Overthere sends the whole command line here)
 * @param arguments the {@code rsp:Arguments}, in order
 * @param skipCmdShell whether WINRS_SKIP_CMD_SHELL was TRUE (otherwise the line runs through {@code cmd.exe /c})
 * @param codePage the shell's WINRS_CODEPAGE (437 by default)
 * @param username the authenticated user
 * @param shellId the shell the command runs in
 */
public record ShellRequest(String command, List<String> arguments, boolean skipCmdShell, int codePage,
                           String username, String shellId) {

    /** The command line as cmd.exe sees it: the command and its arguments joined by single spaces. */
    public String commandLine() {
        return arguments.isEmpty() ? command : command + " " + String.join(" ", arguments);
    }
}
