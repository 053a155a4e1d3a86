package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.ps.Ast.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Primary expressions: variables ({@code $x}, {@code $script:x}, {@code $env:x}, {@code ${any name}}), numbers,
 * strings (single, double with {@code $var} / {@code $( )} / backtick escapes, here-strings), {@code ( )},
 * {@code $( )}, {@code @( )}, {@code @{ }}, script blocks and type literals.
 */
abstract class LiteralParser extends ExprParser {

    LiteralParser(String src) {
        super(src);
    }

    @Override
    Expr primary() {
        skipBlanks();
        int at = pos;
        char c = peek();
        switch (c) {
            case '$' -> {
                if (peek(1) == '(') {
                    pos += 2;
                    Ast.Block body = statementBlockUntil(')');
                    return new Ast.SubExpr(body, at);
                }
                return variable(false);
            }
            case '\'', '\u2018', '\u2019' -> {
                return new Ast.Const(singleQuoted(), at);
            }
            case '"', '\u201c', '\u201d' -> {
                pos++;
                return expandable(false, at);
            }
            case '(' -> {
                pos++;
                boolean saved = noComma;
                noComma = false;
                skipAll();
                if (peek() == ')') {
                    throw error("An empty pipe element is not permitted.", "EmptyPipeElement", pos);
                }
                Ast.Stmt inner = pipelineOrAssignment();
                skipAll();
                noComma = saved;
                expect(')', "Missing closing ')' in expression.", "MissingEndParenthesisInExpression");
                return new Ast.Paren(inner, at);
            }
            case '@' -> {
                char n = peek(1);
                if (n == '(') {
                    pos += 2;
                    return new Ast.ArraySub(statementBlockUntil(')'), at);
                }
                if (n == '{') {
                    pos += 2;
                    return hashLiteral(at);
                }
                if (n == '"' || n == '\'') {
                    return hereString();
                }
                if (isIdentChar(n)) {
                    pos++;
                    Ast.Var v = (Ast.Var) variable(true);
                    return new Ast.Var(v.scope(), v.name(), true, at);
                }
            }
            case '{' -> {
                pos++;
                return new Ast.ScriptBlockExpr(scriptBlockBody(at), at);
            }
            case '[' -> {
                String type = typeName();
                return new Ast.TypeLit(type, pos);
            }
            default -> {
                Object n = number();
                if (n != null) {
                    return new Ast.Const(n, at);
                }
                if (c == '.' && Character.isDigit(peek(1))) {
                    pos++;
                    Object frac = number();
                    return new Ast.Const(Double.parseDouble("0." + PsConvert.str(frac)), at);
                }
            }
        }
        if (atEnd()) {
            throw incomplete("You must provide a value expression on the right-hand side of the operator.",
                    "ExpectedValueExpression");
        }
        int end = pos;
        while (end < src.length() && !Character.isWhitespace(src.charAt(end)) && "(){}[],;|".indexOf(src.charAt(end)) < 0) {
            end++;
        }
        String token = src.substring(pos, Math.max(end, pos + 1));
        throw new PsError("Unexpected token '" + token + "' in expression or statement.",
                "ParserError: (" + token + ":String) [], ParentContainsErrorRecordException", "UnexpectedToken")
                .at(pos + token.length());
    }

    /** A variable at {@code $} (or after {@code @} for splatting). */
    Expr variable(boolean splat) {
        int at = pos;
        if (!splat) {
            pos++;
        }
        if (peek() == '{') {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw incomplete("Missing '}' in variable name.", "MissingEndCurlyBrace");
            }
            String name = src.substring(pos + 1, end);
            pos = end + 1;
            return scoped(name, splat, at);
        }
        char c = peek();
        if (c == '$' || c == '?' || c == '^' || c == '_' && !isIdentChar(peek(1))) {
            pos++;
            return new Ast.Var(null, String.valueOf(c), splat, at);
        }
        String name = identifier();
        if (peek() == ':' && peek(1) != ':' && !name.isEmpty()) {
            pos++;
            String rest = identifier();
            return new Ast.Var(name, rest, splat, at);
        }
        if (name.isEmpty()) {
            return new Ast.Const("$", at);
        }
        return new Ast.Var(null, name, splat, at);
    }

    private static Expr scoped(String name, boolean splat, int at) {
        int colon = name.indexOf(':');
        if (colon > 0 && colon + 1 < name.length() && name.charAt(colon + 1) != '\\') {
            return new Ast.Var(name.substring(0, colon), name.substring(colon + 1), splat, at);
        }
        return new Ast.Var(null, name, splat, at);
    }

    String singleQuoted() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw incomplete("The string starting:\r\nis missing the terminator: '.", "TerminatorExpectedAtEndOfString");
            }
            char c = src.charAt(pos++);
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b') {
                if (peek() == '\'' || peek() == '\u2018' || peek() == '\u2019') {
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

    /**
     * The body of a double-quoted string after its opening quote, up to the closing one; in a here-string up to a
     * line that starts with {@code "@}.
     */
    Expr expandable(boolean here, int at) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw incomplete("The string starting:\r\nis missing the terminator: \".", "TerminatorExpectedAtEndOfString");
            }
            char c = src.charAt(pos);
            if (here) {
                if (isNewline(c) && hereEnd('"')) {
                    break;
                }
            } else if (c == '"' || c == '\u201c' || c == '\u201d') {
                if (peek(1) == '"') {
                    lit.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '`' && pos + 1 < src.length()) {
                lit.append(escape(src.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            if (c == '$') {
                char n = peek(1);
                if (n == '(') {
                    flush(parts, lit);
                    int sub = pos;
                    pos += 2;
                    parts.add(new Ast.SubExpr(statementBlockUntil(')'), sub));
                    continue;
                }
                if (isIdentChar(n) || n == '{' || n == '$' || n == '?' || n == '^' || n == '_') {
                    flush(parts, lit);
                    Expr v = variable(false);
                    if (v instanceof Ast.Var var && var.scope() != null && var.name().isEmpty()) {
                        lit.append('$').append(var.scope()).append(':');
                        continue;
                    }
                    parts.add(v);
                    continue;
                }
            }
            lit.append(c);
            pos++;
        }
        flush(parts, lit);
        if (parts.isEmpty()) {
            return new Ast.Const("", at);
        }
        if (parts.size() == 1 && parts.get(0) instanceof String s) {
            return new Ast.Const(s, at);
        }
        return new Ast.Expandable(parts, at);
    }

    private static void flush(List<Object> parts, StringBuilder lit) {
        if (lit.length() > 0) {
            parts.add(lit.toString());
            lit.setLength(0);
        }
    }

    static char escape(char e) {
        return switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case '0' -> '\0';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> '\u000b';
            default -> e;
        };
    }

    /** At a newline: whether the next line starts with the here-string terminator; consumes it if so. */
    private boolean hereEnd(char quote) {
        int p = pos;
        if (src.charAt(p) == '\r') {
            p++;
        }
        if (p < src.length() && src.charAt(p) == '\n') {
            p++;
        }
        if (p + 1 < src.length() && src.charAt(p) == quote && src.charAt(p + 1) == '@') {
            pos = p + 2;
            return true;
        }
        return false;
    }

    /** {@code @"} or {@code @'} then a newline; the text up to a line starting with the closing quote and {@code @}. */
    private Expr hereString() {
        int at = pos;
        char quote = peek(1);
        pos += 2;
        while (isBlank(peek())) {
            pos++;
        }
        if (!isNewline(peek())) {
            throw error("Unrecognized token in source text.", "UnrecognizedToken", at + 1);
        }
        if (peek() == '\r') {
            pos++;
        }
        if (peek() == '\n') {
            pos++;
        }
        if (quote == '"') {
            // An empty here-string ends on the line right after the opening one.
            if (peek() == '"' && peek(1) == '@') {
                pos += 2;
                return new Ast.Const("", at);
            }
            return expandable(true, at);
        }
        if (peek() == '\'' && peek(1) == '@') {
            pos += 2;
            return new Ast.Const("", at);
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw incomplete("The string starting:\r\nis missing the terminator: '@.", "TerminatorExpectedAtEndOfString");
            }
            char c = src.charAt(pos);
            if (isNewline(c) && hereEnd('\'')) {
                return new Ast.Const(sb.toString(), at);
            }
            sb.append(c);
            pos++;
        }
    }

    private Expr hashLiteral(int at) {
        List<Ast.HashEntry> entries = new ArrayList<>();
        boolean saved = noComma;
        noComma = false;
        while (true) {
            skipSeparators();
            if (atEnd()) {
                throw incomplete("Missing closing '}' in hash literal.", "MissingEndCurlyBrace");
            }
            if (peek() == '}') {
                pos++;
                noComma = saved;
                return new Ast.HashLit(entries, at);
            }
            Expr key;
            char c = peek();
            if (c == '\'' || c == '"' || c == '$' || c == '(') {
                key = unary();
            } else {
                int k = pos;
                Object n = number();
                if (n != null) {
                    key = new Ast.Const(n, k);
                } else {
                    while (!atEnd() && (isIdentChar(peek()) || peek() == '-' || peek() == '.')) {
                        pos++;
                    }
                    if (pos == k) {
                        throw error("Missing key before '=' in hash literal.", "MissingEqualsInHashLiteral", pos);
                    }
                    key = new Ast.Const(src.substring(k, pos), k);
                }
            }
            skipBlanks();
            if (peek() != '=') {
                throw error("Missing '=' operator after key in hash literal.", "MissingEqualsInHashLiteral", pos);
            }
            pos++;
            skipAll();
            Ast.Stmt value = pipelineOrAssignment();
            entries.add(new Ast.HashEntry(key, value));
            skipBlanks();
            if (!(atEnd() || peek() == '}' || peek() == ';' || isNewline(peek()))) {
                throw error("Missing statement after '=' in hash literal.", "MissingStatementInHashLiteral", pos);
            }
        }
    }
}
