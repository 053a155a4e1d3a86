package dev.reprolab.sim.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.reprolab.sim.guest.tools.WinArgs;

/**
 * cmd.exe's syntax, before any program sees its arguments: command separators ({@code & && ||}), parentheses,
 * redirections and the first word. Tokens here keep their quotes (cmd passes the rest of the line to the program
 * as it was; the program splits it the C runtime's way, {@link WinArgs}).
 */
final class CmdSyntax {

    private CmdSyntax() {
    }

    /** Splits at &, && and || outside quotes and parentheses. */
    static void split(String line, List<String> parts, List<String> ops) {
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '^' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                continue;
            } else if (!quoted && depth == 0 && (c == '&' || c == '|' && i + 1 < line.length() && line.charAt(i + 1) == '|')) {
                if (c == '&' && cur.length() > 0 && (cur.charAt(cur.length() - 1) == '>')) {
                    cur.append(c); // 2>&1
                    continue;
                }
                String op = i + 1 < line.length() && line.charAt(i + 1) == c ? "" + c + c : "" + c;
                parts.add(cur.toString());
                ops.add(op);
                cur.setLength(0);
                i += op.length() - 1;
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
    }

    static int matching(String s, int open) {
        int depth = 0;
        boolean q = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q && c == '(') {
                depth++;
            } else if (!q && c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    static int indexOutsideQuotes(String s, char ch) {
        boolean q = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q && c == ch && (i + 1 >= s.length() || s.charAt(i + 1) != ch) && (i == 0 || s.charAt(i - 1) != ch)) {
                return i;
            }
        }
        return -1;
    }

    static int indexOfSwitch(String s, String sw) {
        String l = s.toLowerCase(Locale.ROOT);
        int i = l.indexOf(sw + " ");
        return i < 0 && l.endsWith(sw) ? l.length() - sw.length() : i;
    }

    static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** cmd's words: whitespace outside quotes separates, the quotes stay in the word. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                q = !q;
                cur.append(c);
                any = true;
            } else if (!q && Character.isWhitespace(c)) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    static String unquote(String s) {
        return s.replace("\"", "");
    }

    static int firstTokenEnd(String s) {
        boolean q = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q && Character.isWhitespace(c)) {
                return i;
            }
        }
        return s.length();
    }

    /** Redirections of one simple command. */
    record Redirect(String command, String out, boolean append, String err, boolean errToOut) {
        static Redirect parse(String c) {
            List<String> tokens = words(c);
            StringBuilder cmd = new StringBuilder();
            String out = null;
            String err = null;
            boolean append = false;
            boolean errToOut = false;
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                String target = null;
                if (t.equals("2>&1")) {
                    errToOut = true;
                    continue;
                }
                if (t.startsWith("2>")) {
                    target = t.length() > 2 ? t.substring(2) : i + 1 < tokens.size() ? tokens.get(++i) : "";
                    err = unquote(target);
                    continue;
                }
                if (t.startsWith(">>") || t.startsWith("1>>")) {
                    String rest = t.substring(t.indexOf(">>") + 2);
                    out = unquote(rest.isEmpty() && i + 1 < tokens.size() ? tokens.get(++i) : rest);
                    append = true;
                    continue;
                }
                if (t.startsWith(">") || t.startsWith("1>")) {
                    String rest = t.substring(t.indexOf('>') + 1);
                    out = unquote(rest.isEmpty() && i + 1 < tokens.size() ? tokens.get(++i) : rest);
                    continue;
                }
                int gt = t.indexOf('>');
                if (gt > 0 && !t.startsWith("\"")) {
                    cmd.append(cmd.length() > 0 ? " " : "").append(t, 0, gt);
                    String rest = t.substring(gt + 1);
                    out = unquote(rest.isEmpty() && i + 1 < tokens.size() ? tokens.get(++i) : rest);
                    continue;
                }
                cmd.append(cmd.length() > 0 ? " " : "").append(t);
            }
            return new Redirect(cmd.toString(), out, append, err, errToOut);
        }
    }
}
