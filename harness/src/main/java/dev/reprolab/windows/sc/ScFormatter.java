package dev.reprolab.windows.sc;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders sc's output exactly as Windows prints it, including its trailing spaces: {@code "SERVICE_NAME: x "},
 * the TYPE line ends in two spaces and the STATE line in one (seen in byte-exact captures quoted in many
 * projects' tests); the output starts and ends with an empty line. {@code sc stop} prints the {@link #query}
 * block, {@code sc start} the {@link #queryEx} block.
 */
public final class ScFormatter {

    private ScFormatter() {
    }

    /** Output of {@code sc query NAME} (and {@code sc stop NAME}). */
    public static String query(ServiceStatus s) {
        return CRLF + block(s, false) + CRLF;
    }

    /** Output of {@code sc queryex NAME} (and {@code sc start NAME}). */
    public static String queryEx(ServiceStatus s) {
        return CRLF + block(s, true) + CRLF;
    }

    /**
     * {@code [SC] OPERATION FAILED ERROR:}, an empty line, the message, an empty line. sc query of a missing
     * service uses the operation {@code EnumQueryServicesStatus:OpenService}; sc stop/start/delete use
     * {@code OpenService}, {@code ControlService}, {@code StartService}.
     */
    public static String failure(String operation, int error) {
        return "[SC] " + operation + " FAILED " + error + ":" + CRLF + CRLF + ScMessages.text(error) + CRLF + CRLF;
    }

    /** {@code [SC] OPERATION SUCCESS} (e.g. DeleteService, ChangeServiceConfig, CreateService). */
    public static String success(String operation) {
        return "[SC] " + operation + " SUCCESS" + CRLF;
    }

    static String block(ServiceStatus s, boolean ex) {
        StringBuilder b = new StringBuilder();
        b.append("SERVICE_NAME: ").append(s.serviceName()).append(' ').append(CRLF);
        b.append(field("TYPE")).append(Integer.toHexString(s.type())).append("  ")
                .append(ServiceStatus.typeName(s.type())).append("  ").append(CRLF);
        b.append(field("STATE")).append(s.stateCode()).append("  ").append(s.state()).append(' ').append(CRLF);
        if (!s.controls().isEmpty()) {
            b.append("                                (").append(String.join(", ", s.controls())).append(')')
                    .append(CRLF);
        }
        b.append(field("WIN32_EXIT_CODE")).append(s.win32ExitCode()).append("  (0x")
                .append(Long.toHexString(s.win32ExitCode())).append(')').append(CRLF);
        b.append(field("SERVICE_EXIT_CODE")).append(s.serviceExitCode()).append("  (0x")
                .append(Long.toHexString(s.serviceExitCode())).append(')').append(CRLF);
        b.append(field("CHECKPOINT")).append("0x").append(Long.toHexString(s.checkpoint())).append(CRLF);
        b.append(field("WAIT_HINT")).append("0x").append(Long.toHexString(s.waitHint())).append(CRLF);
        if (ex) {
            b.append(field("PID")).append(s.pid() == null ? 0 : s.pid()).append(CRLF);
            // FLAGS is empty unless SERVICE_RUNS_IN_SYSTEM_PROCESS (0x1) is set.
            long flags = s.flags() == null ? 0 : s.flags();
            b.append(field("FLAGS")).append(flags == 0 ? "" : "RUNS_IN_SYSTEM_PROCESS").append(CRLF);
        }
        return b.toString();
    }

    private static String field(String name) {
        return "        " + String.format("%-19s", name) + ": ";
    }
}
