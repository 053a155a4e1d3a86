package dev.reprolab.windows.netstat;

import java.util.List;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders {@code netstat -an} / {@code -ano} / {@code -anob} exactly as Windows prints it. Row layout
 * {@code "  %-5s  %-21s  %-21s  %-14s  %s"} (with PID) and {@code "  %-5s  %-21s  %-21s  %s"} (without), checked
 * byte for byte against real captures (jc's Windows 10 fixtures): long IPv6 addresses simply overflow their
 * column, UDP rows leave the state column blank (so {@code -an} UDP rows end in two spaces).
 */
public final class NetstatFormatter {

    static final String HEADER_WITH_PID =
            "  Proto  Local Address          Foreign Address        State           PID";
    static final String HEADER_WITHOUT_PID =
            "  Proto  Local Address          Foreign Address        State";

    private NetstatFormatter() {
    }

    /** The whole output of {@code netstat -ano} ({@code withPid}) or {@code netstat -an}. */
    public static String format(List<NetstatRow> rows, boolean withPid) {
        StringBuilder b = header(withPid);
        for (NetstatRow row : rows) {
            b.append(row(row, withPid)).append(CRLF);
        }
        return b.toString();
    }

    /** The whole output of {@code netstat -anob}: each row followed by its owner lines. */
    public static String formatWithOwners(List<NetstatRow> rows) {
        StringBuilder b = header(true);
        for (NetstatRow row : rows) {
            b.append(row(row, true)).append(CRLF);
            if (row.owner() != null) {
                for (String line : ownerLines(row.owner())) {
                    b.append(line).append(CRLF);
                }
            }
        }
        return b.toString();
    }

    private static StringBuilder header(boolean withPid) {
        return new StringBuilder(CRLF + "Active Connections" + CRLF + CRLF)
                .append(withPid ? HEADER_WITH_PID : HEADER_WITHOUT_PID).append(CRLF);
    }

    /** One table row without line end. */
    public static String row(NetstatRow row, boolean withPid) {
        String local = endpoint(row.localAddress(), row.localPort());
        String foreign = row.foreignPort() == null ? row.foreignAddress() + ":*"
                : endpoint(row.foreignAddress(), row.foreignPort());
        String state = row.state() == null ? "" : row.state().name();
        if (withPid) {
            return String.format("  %-5s  %-21s  %-21s  %-14s  %s", row.proto(), local, foreign, state,
                    row.pid() == null ? "" : row.pid().toString());
        }
        return String.format("  %-5s  %-21s  %-21s  %s", row.proto(), local, foreign, state);
    }

    /** {@code addr:port}, with IPv6 addresses in brackets as netstat prints them. */
    public static String endpoint(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    /**
     * The {@code -b} lines under a row: a service name is indented by two spaces, the image in brackets and
     * the "Can not obtain ownership information" note by one (as in real {@code -anob} output).
     */
    static List<String> ownerLines(String owner) {
        int bracket = owner.indexOf('[');
        if (bracket > 0) {
            return List.of("  " + owner.substring(0, bracket).trim(), " " + owner.substring(bracket).trim());
        }
        return List.of(" " + owner.trim());
    }
}
