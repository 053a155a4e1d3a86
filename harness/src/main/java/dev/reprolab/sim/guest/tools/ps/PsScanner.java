package dev.reprolab.sim.guest.tools.ps;

/**
 * Character-level reading of one PowerShell script: whitespace, literals, names. PowerShell's grammar differs in
 * expression mode and command (argument) mode, so the parser asks for what it expects instead of pre-tokenizing.
 */
final class PsScanner {

    final String src;
    int pos;

    PsScanner(String src) {
        this.src = src;
    }

    boolean atEnd() {
        return pos >= src.length();
    }

    char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    /** Skips spaces, tabs and backtick line continuations, not newlines. Also skips comments to end of line. */
    void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\u00a0') {
                pos++;
            } else if (c == '`' && (peek(1) == '\n' || peek(1) == '\r')) {
                pos++;
                if (peek() == '\r') {
                    pos++;
                }
                if (peek() == '\n') {
                    pos++;
                }
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** True at a statement end: newline, ';', or the end. */
    boolean atStatementEnd() {
        char c = peek();
        return atEnd() || c == '\n' || c == '\r' || c == ';' || c == '}';
    }

    char peekAfterBlanks() {
        int p = pos;
        while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
            p++;
        }
        return p < src.length() ? src.charAt(p) : '\0';
    }

    void skipBlanksAndNewlines() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    boolean tryConsume(String s) {
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    boolean tryConsumeIgnoreCase(String s) {
        if (src.regionMatches(true, pos, s, 0, s.length())) {
            pos += s.length();
            return true;
        }
        return false;
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '?';
    }

    /** An identifier for members and variables: letters, digits, underscore. */
    String identifier() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    /** A command-mode bare word: runs to whitespace or one of {@code | ; ) ( ,} or a newline. */
    String bareWord() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c) || c == '|' || c == ';' || c == ')' || c == '(' || c == ',') {
                break;
            }
            pos++;
        }
        return src.substring(start, pos);
    }

    /** A single-quoted literal starting at the quote; {@code ''} is a quote. */
    String singleQuoted() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw PsError.parse("The string starting:\r\nAt line:1 char:1\r\n+ ' <<<< \r\nis missing the"
                        + " terminator: '.", "TerminatorExpectedAtEndOfString").at(pos);
            }
            char c = src.charAt(pos++);
            if (c == '\'' || c == '\u2019' || c == '\u2018') {
                if (peek() == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
    }

    /** The raw body of a double-quoted literal (escapes and variables are expanded by the caller). */
    String doubleQuotedRaw() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw PsError.parse("The string starting:\r\nAt line:1 char:1\r\n+ \" <<<< \r\nis missing the"
                        + " terminator: \".", "TerminatorExpectedAtEndOfString").at(pos);
            }
            char c = src.charAt(pos++);
            if (c == '`' && pos < src.length()) {
                sb.append(c).append(src.charAt(pos++));
            } else if (c == '"') {
                if (peek() == '"') {
                    sb.append("`\"");
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
    }

    /** A decimal or 0x integer, with the KB/MB/GB suffixes PowerShell knows. */
    Long number() {
        int start = pos;
        long value;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            int digits = pos;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            value = Long.parseLong(src.substring(digits, pos), 16);
        } else {
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                return null;
            }
            value = Long.parseLong(src.substring(start, pos));
        }
        if (tryConsumeIgnoreCase("kb")) {
            value *= 1024;
        } else if (tryConsumeIgnoreCase("mb")) {
            value *= 1024 * 1024;
        } else if (tryConsumeIgnoreCase("gb")) {
            value *= 1024L * 1024 * 1024;
        }
        return value;
    }
}
