package dev.reprolab.sim.guest.tools.ps;

/**
 * Character-level reading of one script for the parser: blanks, comments ({@code #} and {@code <# #>}), line
 * continuations, names and numbers. PowerShell's tokens depend on whether the parser is in expression or command
 * mode, so the parser asks for what it expects instead of tokenizing up front.
 */
abstract class SourceReader {

    final String src;
    int pos;

    SourceReader(String src) {
        this.src = src;
    }

    final boolean atEnd() {
        return pos >= src.length();
    }

    final char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    final char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\f';
    }

    /** Skips spaces, comments and backtick line continuations, not newlines. */
    final void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (isBlank(c)) {
                pos++;
            } else if (c == '`' && isNewline(peek(1))) {
                pos++;
                if (peek() == '\r') {
                    pos++;
                }
                if (peek() == '\n') {
                    pos++;
                }
            } else if (c == '#') {
                while (pos < src.length() && !isNewline(src.charAt(pos))) {
                    pos++;
                }
            } else if (c == '<' && peek(1) == '#') {
                int end = src.indexOf("#>", pos + 2);
                if (end < 0) {
                    throw incomplete("Missing the end of comment block.", "MissingEndOfCommentBlock");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    /** Skips blanks, comments and newlines. */
    final void skipAll() {
        while (true) {
            skipBlanks();
            if (isNewline(peek())) {
                pos++;
            } else {
                return;
            }
        }
    }

    /** Skips blanks, newlines and semicolons (statement separators). */
    final void skipSeparators() {
        while (true) {
            skipBlanks();
            if (isNewline(peek()) || peek() == ';') {
                pos++;
            } else {
                return;
            }
        }
    }

    static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Letters, digits, underscore: member and variable names. */
    final String identifier() {
        int start = pos;
        while (pos < src.length() && isIdentChar(src.charAt(pos))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    /** Whether the text at pos is the keyword {@code word} (case-insensitive) followed by a non-name character. */
    final boolean atKeyword(String word) {
        if (!src.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        char after = peek(word.length());
        return !(isIdentChar(after) || after == '-' || after == '\\' || after == '.' || after == ':');
    }

    final boolean tryKeyword(String word) {
        if (atKeyword(word)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    final PsError error(String message, String id, int at) {
        return PsError.parse(message, id).at(at);
    }

    /** A parse error at the end of the text: more input could complete the statement. */
    final PsError incomplete(String message, String id) {
        PsError e = PsError.parse(message, id).at(src.length());
        e.incomplete = true;
        return e;
    }

    final void expect(char c, String message, String id) {
        skipBlanks();
        if (peek() != c) {
            if (atEnd()) {
                throw incomplete(message, id);
            }
            throw error(message, id, pos);
        }
        pos++;
    }

    /**
     * A number literal at pos, or null: decimal, hex, real with exponent, the l/d type suffixes and the
     * kb/mb/gb/tb/pb multipliers. Integers are Int32 when they fit, else Int64, else Double (as PowerShell 2.0).
     */
    final Object number() {
        int start = pos;
        int p = pos;
        boolean hex = false;
        if (p + 1 < src.length() && src.charAt(p) == '0' && (src.charAt(p + 1) == 'x' || src.charAt(p + 1) == 'X')) {
            p += 2;
            int d = p;
            while (p < src.length() && Character.digit(src.charAt(p), 16) >= 0) {
                p++;
            }
            if (p == d) {
                return null;
            }
            hex = true;
        } else {
            while (p < src.length() && Character.isDigit(src.charAt(p))) {
                p++;
            }
            boolean digits = p > start;
            if (p < src.length() && src.charAt(p) == '.' && p + 1 < src.length() && Character.isDigit(src.charAt(p + 1))) {
                p++;
                while (p < src.length() && Character.isDigit(src.charAt(p))) {
                    p++;
                }
                digits = true;
            }
            if (!digits) {
                return null;
            }
            if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
                int q = p + 1;
                if (q < src.length() && (src.charAt(q) == '+' || src.charAt(q) == '-')) {
                    q++;
                }
                if (q < src.length() && Character.isDigit(src.charAt(q))) {
                    while (q < src.length() && Character.isDigit(src.charAt(q))) {
                        q++;
                    }
                    p = q;
                }
            }
        }
        String body = src.substring(start, p);
        char suffix = p < src.length() ? Character.toLowerCase(src.charAt(p)) : '\0';
        boolean asLong = false;
        boolean asDecimal = false;
        if (suffix == 'l') {
            asLong = true;
            p++;
        } else if (suffix == 'd' && !hex) {
            asDecimal = true;
            p++;
        }
        long multiplier = 1;
        String rest = src.substring(p, Math.min(src.length(), p + 2)).toLowerCase(java.util.Locale.ROOT);
        switch (rest) {
            case "kb" -> multiplier = 1L << 10;
            case "mb" -> multiplier = 1L << 20;
            case "gb" -> multiplier = 1L << 30;
            case "tb" -> multiplier = 1L << 40;
            case "pb" -> multiplier = 1L << 50;
            default -> {
            }
        }
        if (multiplier != 1) {
            p += 2;
        }
        if (p < src.length() && (isIdentChar(src.charAt(p)))) {
            return null; // 12abc is a word, not a number
        }
        pos = p;
        if (asDecimal) {
            return new java.math.BigDecimal(body).multiply(java.math.BigDecimal.valueOf(multiplier));
        }
        if (hex) {
            long v = Long.parseUnsignedLong(body.substring(2), 16);
            if (!asLong && body.length() - 2 <= 8) {
                return multiplier == 1 ? (Object) (int) v : PsConvert.narrow((double) (int) v * multiplier);
            }
            return v * multiplier;
        }
        boolean real = body.contains(".") || body.contains("e") || body.contains("E");
        if (real) {
            double d = Double.parseDouble(body) * multiplier;
            return asLong ? (Object) Math.round(d) : d;
        }
        java.math.BigInteger big = new java.math.BigInteger(body).multiply(java.math.BigInteger.valueOf(multiplier));
        if (!asLong && big.bitLength() < 32) {
            return big.intValue();
        }
        if (big.bitLength() < 64) {
            return big.longValue();
        }
        return big.doubleValue();
    }
}
