package dev.reprolab.report.bundle;

import dev.reprolab.report.RunData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces host names and IP addresses consistently ({@code host-1}, {@code 10.255.0.1}, ...) so a bundle can leave
 * the company; the same original always maps to the same token, so timelines still line up. Loopback and the
 * unspecified addresses stay (they say nothing about the site and netstat needs them to make sense).
 */
final class Redactor {

    private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\\b");

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> ips = new LinkedHashMap<>();

    static Redactor forRun(RunData run) {
        Redactor r = new Redactor();
        run.run().path("guests").forEach(g -> r.name(g.asText()));
        return r;
    }

    private void name(String host) {
        if (!host.isBlank()) {
            names.putIfAbsent(host, "host-" + (names.size() + 1));
        }
    }

    String apply(String text) {
        String out = text;
        for (Map.Entry<String, String> e : names.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        // Windows computer names the harness saw (WIN-XXXX) are host names too
        Matcher cn = Pattern.compile("\\bWIN-[A-Z0-9]{2,15}\\b").matcher(out);
        StringBuilder b = new StringBuilder();
        while (cn.find()) {
            names.putIfAbsent(cn.group(), "host-" + (names.size() + 1));
            cn.appendReplacement(b, names.get(cn.group()));
        }
        cn.appendTail(b);
        out = b.toString();
        out = replace(IPV4, out, false);
        return replace(IPV6, out, true);
    }

    private String replace(Pattern p, String text, boolean v6) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String ip = m.group();
            boolean keep = ip.equals("0.0.0.0") || ip.startsWith("127.") || ip.equals("::1") || isVersion(text, m.start(), m.end());
            String token = keep ? ip : ips.computeIfAbsent(ip, k -> v6 ? "fd00::" + Integer.toHexString(ips.size() + 1)
                    : "10.255." + ((ips.size() + 1) / 250) + "." + ((ips.size() + 1) % 250 + 1));
            m.appendReplacement(b, Matcher.quoteReplacement(token));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** 6.1.7601.24168 is a file version, not an address. */
    private static boolean isVersion(String text, int start, int end) {
        return text.startsWith("6.1.", start) || text.startsWith("6.0.", start)
                || start > 0 && (text.charAt(start - 1) == '.' || Character.isDigit(text.charAt(start - 1)))
                || end < text.length() && text.charAt(end) == '.';
    }

    Map<String, String> map() {
        Map<String, String> m = new LinkedHashMap<>(names);
        m.putAll(ips);
        return m;
    }
}
