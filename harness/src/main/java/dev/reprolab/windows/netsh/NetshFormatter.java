package dev.reprolab.windows.netsh;

import java.util.Map;

import static dev.reprolab.windows.text.Lines.CRLF;

/**
 * Renders {@code netsh int tcp show global} as 2008 R2 / Windows 7 print it: "Querying active state...", an
 * empty line, the title and a 46-dash rule, {@code "%-36s: %s"} lines, an empty line (layout from the captures in
 * fixtures/windows/netsh_fltmc).
 */
public final class NetshFormatter {

    static final String RULE = "----------------------------------------------";

    private NetshFormatter() {
    }

    public static String tcpGlobal(TcpGlobal global) {
        StringBuilder b = new StringBuilder("Querying active state..." + CRLF + CRLF);
        b.append("TCP Global Parameters").append(CRLF).append(RULE).append(CRLF);
        for (Map.Entry<String, String> e : global.settings().entrySet()) {
            b.append(String.format("%-36s: %s", e.getKey(), e.getValue())).append(CRLF);
        }
        return b.append(CRLF).toString();
    }
}
