package dev.reprolab.windows.netstat;

import dev.reprolab.windows.text.Lines;
import dev.reprolab.windows.text.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads netstat {@code -an}, {@code -ano}, {@code -anob} output, also findstr/grep excerpts with prompts and
 * unrelated lines around them. Headers in any language are skipped (only rows are read); localized state words
 * are mapped to the English names; IPv6 brackets are removed; a row wrapped by the console after its local
 * address is joined with the next line; {@code -b} owner lines are attached to the row above.
 */
public final class NetstatParser {

    public static final String KIND = "netstat";

    /** A row: optional indent (or '#' where a capture was pasted as a comment), proto, the rest. */
    private static final Pattern ROW = Pattern.compile("^[\\s#]*(TCP|UDP|TCPv6|UDPv6)\\s+(.*)$");
    private static final Pattern OWNER = Pattern.compile("^ {1,2}(\\[.+]|\\S+|Can not obtain ownership information)$");

    /** Localized state words (de-DE, fr-FR, es-ES netstat) to the English names. */
    private static final Map<String, TcpState> STATES = Map.ofEntries(
            Map.entry("ABHÖREN", TcpState.LISTENING), Map.entry("HERGESTELLT", TcpState.ESTABLISHED),
            Map.entry("SCHLIESSEN_WARTEN", TcpState.CLOSE_WAIT), Map.entry("WARTEND", TcpState.TIME_WAIT),
            Map.entry("SYN_GESENDET", TcpState.SYN_SENT), Map.entry("SYN_EMPFANGEN", TcpState.SYN_RECEIVED),
            Map.entry("FIN_WARTEN_1", TcpState.FIN_WAIT_1), Map.entry("FIN_WARTEN_2", TcpState.FIN_WAIT_2),
            Map.entry("LETZTES_ACK", TcpState.LAST_ACK), Map.entry("GESCHLOSSEN", TcpState.CLOSED),
            Map.entry("SCHLIESSEND", TcpState.CLOSING),
            Map.entry("ÉCOUTE", TcpState.LISTENING), Map.entry("ECOUTE", TcpState.LISTENING), Map.entry("ÉTABLI", TcpState.ESTABLISHED),
            Map.entry("ETABLI", TcpState.ESTABLISHED), Map.entry("ESCUCHANDO", TcpState.LISTENING),
            Map.entry("ESTABLECIDO", TcpState.ESTABLISHED), Map.entry("ESPERA_CIERRE", TcpState.CLOSE_WAIT));

    private NetstatParser() {
    }

    /** The rows in the text; throws {@link ParseException} when there are none or a row is malformed. */
    public static List<NetstatRow> parse(String text) {
        List<String> lines = Lines.split(text);
        List<NetstatRow> rows = new ArrayList<>();
        List<String> owner = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = Lines.stripTrailing(lines.get(i));
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                attach(rows, owner);
                String rest = m.group(2).trim();
                // The console wrapped a long IPv6 row after the local address: the rest is on the next line.
                if (rest.split("\\s+").length < 2 && i + 1 < lines.size()) {
                    i++;
                    rest = rest + " " + Lines.stripTrailing(lines.get(i)).trim();
                }
                rows.add(row(m.group(1), rest, i + 1));
            } else if (!rows.isEmpty() && OWNER.matcher(line).matches() && isOwnerContext(lines, i)) {
                owner.add(line.trim());
            } else {
                attach(rows, owner);
            }
        }
        attach(rows, owner);
        if (rows.isEmpty()) {
            throw new ParseException(KIND, Math.max(lines.size(), 1), "no TCP or UDP rows");
        }
        return rows;
    }

    /** Owner lines only follow a row or another owner line. */
    private static boolean isOwnerContext(List<String> lines, int i) {
        for (int j = i - 1; j >= 0; j--) {
            String prev = Lines.stripTrailing(lines.get(j));
            if (ROW.matcher(prev).matches()) {
                return true;
            }
            if (!OWNER.matcher(prev).matches()) {
                return false;
            }
        }
        return false;
    }

    private static void attach(List<NetstatRow> rows, List<String> owner) {
        if (owner.isEmpty()) {
            return;
        }
        int last = rows.size() - 1;
        rows.set(last, rows.get(last).withOwner(String.join(" ", owner)));
        owner.clear();
    }

    private static NetstatRow row(String proto, String rest, int lineNo) {
        String[] t = rest.split("\\s+");
        boolean udp = proto.startsWith("UDP");
        if (t.length < 2) {
            throw new ParseException(KIND, lineNo, "a " + proto + " row with local and foreign address");
        }
        String[] local = endpoint(t[0], lineNo);
        String[] foreign = endpoint(t[1], lineNo);
        TcpState state = null;
        Integer pid = null;
        int k = 2;
        if (!udp) {
            if (t.length < 3) {
                throw new ParseException(KIND, lineNo, "a state on the TCP row");
            }
            state = normalizeState(t[2]).orElseThrow(() -> new ParseException(KIND, lineNo, "a TCP state (LISTENING, ESTABLISHED, TIME_WAIT, ...), found '"
                    + t[2] + "'"));
            k = 3;
        }
        if (t.length > k) {
            if (!t[k].matches("\\d+") || t.length > k + 1) {
                throw new ParseException(KIND, lineNo, "a PID after the " + (udp ? "foreign address" : "state")
                        + ", found '" + String.join(" ", java.util.Arrays.copyOfRange(t, k, t.length)) + "'");
            }
            pid = Integer.valueOf(t[k]);
        }
        if (local[1] == null) {
            throw new ParseException(KIND, lineNo, "a numeric local port in '" + t[0] + "'");
        }
        return new NetstatRow(proto, local[0], Integer.parseInt(local[1]), foreign[0],
                foreign[1] == null ? null : Integer.valueOf(foreign[1]), state, pid, null);
    }

    /** {@code addr:port}, {@code [v6%zone]:port}, {@code *:*}; returns {address, port-or-null}. */
    static String[] endpoint(String s, int lineNo) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            throw new ParseException(KIND, lineNo, "an address:port, found '" + s + "'");
        }
        String addr = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        if (port.equals("*")) {
            return new String[]{addr, null};
        }
        if (!port.matches("\\d{1,5}")) {
            throw new ParseException(KIND, lineNo, "a numeric port in '" + s + "' (use netstat -n)");
        }
        return new String[]{addr, port};
    }

    static Optional<TcpState> normalizeState(String word) {
        String up = word.toUpperCase(Locale.ROOT);
        return STATES.containsKey(up) ? Optional.of(STATES.get(up)) : TcpState.of(up);
    }
}
