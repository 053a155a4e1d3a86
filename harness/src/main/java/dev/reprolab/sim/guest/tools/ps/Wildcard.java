package dev.reprolab.sim.guest.tools.ps;

import java.util.regex.Pattern;

/** PowerShell wildcards ({@code * ? [a-z]}, backtick escapes) as used by -like, Get-ChildItem -Filter and cmdlet names. */
final class Wildcard {

    private Wildcard() {
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    static Pattern compile(String wildcard, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < wildcard.length(); i++) {
            char c = wildcard.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = wildcard.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append('[').append(wildcard.substring(i + 1, end).replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                case '`' -> {
                    if (i + 1 < wildcard.length()) {
                        re.append(Pattern.quote(String.valueOf(wildcard.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | Pattern.DOTALL);
    }

    static boolean matches(String wildcard, String text, boolean ignoreCase) {
        return compile(wildcard, ignoreCase).matcher(text).matches();
    }
}
