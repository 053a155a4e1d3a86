package dev.reprolab.sim.guest.tools.ps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * .NET regular expressions over java.util.regex: named groups {@code (?<n>)} are the same, {@code $matches} is a
 * hashtable of group numbers and names, and replacement strings use .NET's {@code $1 ${name} $$ $0}.
 */
final class DotNetRegex {

    private DotNetRegex() {
    }

    static String toJava(String pattern) {
        // (?<name>...) works in both; .NET's (?'name'...) does not exist in Java.
        return pattern.replaceAll("\\(\\?'([A-Za-z]\\w*)'", "(?<$1>");
    }

    static Pattern compile(String pattern, boolean ignoreCase) {
        try {
            return Pattern.compile(toJava(pattern), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new PsError("Invalid regular expression pattern: " + pattern + ".",
                    "InvalidOperation: (" + pattern + ":String) [], RuntimeException", "InvalidRegularExpression");
        }
    }

    /** $matches after a successful -match: 0 is the whole match, then numbered and named groups. */
    static PsHashtable matchesTable(Matcher m, Pattern p) {
        PsHashtable t = new PsHashtable();
        java.util.List<String> names = groupNames(p.pattern());
        for (int g = m.groupCount(); g >= 0; g--) {
            if (m.group(g) != null) {
                t.put(g, m.group(g));
            }
        }
        for (String n : names) {
            if (m.group(n) != null) {
                t.put(n, m.group(n));
            }
        }
        return t;
    }

    static java.util.List<String> groupNames(String pattern) {
        java.util.List<String> names = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\\(\\?<([A-Za-z]\\w*)>").matcher(pattern);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String replace(Pattern p, String input, String replacement) {
        Matcher m = p.matcher(input);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(expand(replacement, m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** .NET substitutions: $1, ${name}, $$, $0, $&. */
    private static String expand(String r, Matcher m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c != '$' || i + 1 >= r.length()) {
                sb.append(c);
                continue;
            }
            char n = r.charAt(i + 1);
            if (n == '$') {
                sb.append('$');
                i++;
            } else if (n == '&') {
                sb.append(m.group());
                i++;
            } else if (Character.isDigit(n)) {
                int j = i + 1;
                while (j < r.length() && Character.isDigit(r.charAt(j)) && Integer.parseInt(r.substring(i + 1, j + 1)) <= m.groupCount()) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append(c);
                    continue;
                }
                String g = m.group(Integer.parseInt(r.substring(i + 1, j)));
                sb.append(g == null ? "" : g);
                i = j - 1;
            } else if (n == '{') {
                int end = r.indexOf('}', i);
                String name = end < 0 ? "" : r.substring(i + 2, end);
                try {
                    String g = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name)) : m.group(name);
                    sb.append(g == null ? "" : g);
                    i = end;
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    sb.append(c);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
