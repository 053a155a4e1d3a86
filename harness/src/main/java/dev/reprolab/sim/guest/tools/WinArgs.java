package dev.reprolab.sim.guest.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Windows command line into arguments the way the Microsoft C runtime does ({@code CommandLineToArgvW}):
 * whitespace separates, double quotes group, {@code 2n} backslashes before a quote give {@code n} backslashes and
 * a quote toggle, {@code 2n+1} give {@code n} backslashes and a literal quote, other backslashes are literal.
 */
public final class WinArgs {

    private WinArgs() {
    }

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean have = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                int n = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    n++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    cur.append("\\".repeat(n / 2));
                    if (n % 2 == 1) {
                        cur.append('"');
                        i++;
                    }
                } else {
                    cur.append("\\".repeat(n));
                }
                have = true;
                continue;
            }
            if (c == '"') {
                if (inQuotes && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    // "" inside quotes: a literal quote (the post-2008 CRT rule, which PowerShell's host follows).
                    cur.append('"');
                    i += 2;
                    continue;
                }
                inQuotes = !inQuotes;
                have = true;
                i++;
                continue;
            }
            if ((c == ' ' || c == '\t') && !inQuotes) {
                if (have) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    have = false;
                }
                i++;
                continue;
            }
            cur.append(c);
            have = true;
            i++;
        }
        if (have) {
            args.add(cur.toString());
        }
        return args;
    }

    /** The image name of a command line's first word, lower case, without directory and without {@code .exe}. */
    public static String imageName(String firstWord) {
        String w = firstWord.replace('/', '\\');
        w = w.substring(w.lastIndexOf('\\') + 1).toLowerCase(java.util.Locale.ROOT);
        return w.endsWith(".exe") ? w.substring(0, w.length() - 4) : w;
    }
}
