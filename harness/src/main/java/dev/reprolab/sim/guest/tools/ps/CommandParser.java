package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.ps.Ast.Expr;
import dev.reprolab.sim.guest.tools.ps.Ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pipelines, assignments and command mode: command names, {@code -Parameter[:value]} tokens, bare-word and
 * expandable arguments, comma lists, and the redirections PowerShell 2.0 has ({@code > >> 2> 2>> 2>&1}).
 */
abstract class CommandParser extends LiteralParser {

    private static final Set<String> ASSIGN_OPS = Set.of("=", "+=", "-=", "*=", "/=", "%=");

    CommandParser(String src) {
        super(src);
    }

    abstract Stmt statement();

    @Override
    Stmt pipelineOrAssignment() {
        skipBlanks();
        int at = pos;
        if (startsExpression()) {
            boolean saved = noComma;
            noComma = false;
            Expr e = expression();
            noComma = saved;
            skipBlanks();
            String op = assignmentOperator();
            if (op != null) {
                if (!isAssignable(e) && !(e instanceof Ast.Cast c && isAssignable(c.operand()))
                        && !(e instanceof Ast.ArrayLit)) {
                    throw new PsError("The assignment expression is not valid. The input to an assignment operator must be"
                            + " an object that is able to accept assignments, such as a variable or a property.",
                            "ParserError: (:) [], ParentContainsErrorRecordException", "InvalidLeftHandSide").at(pos);
                }
                pos += op.length();
                skipAll();
                if (atEnd()) {
                    throw incomplete("You must provide a value expression on the right-hand side of the '" + op
                            + "' operator.", "ExpectedValueExpression");
                }
                Stmt value = statement();
                return new Ast.Assign(e, op, value, at);
            }
            List<Ast.Element> elements = new ArrayList<>();
            elements.add(new Ast.ExprElement(e, redirections()));
            return pipelineRest(elements, at);
        }
        List<Ast.Element> elements = new ArrayList<>();
        elements.add(command());
        return pipelineRest(elements, at);
    }

    private String assignmentOperator() {
        char c = peek();
        if (c == '=' && peek(1) != '=') {
            return "=";
        }
        if ("+-*/%".indexOf(c) >= 0 && peek(1) == '=') {
            return c + "=";
        }
        return null;
    }

    private Stmt pipelineRest(List<Ast.Element> elements, int at) {
        while (true) {
            skipBlanks();
            if (peek() != '|' || peek(1) == '|') {
                return new Ast.Pipeline(elements, at);
            }
            pos++;
            skipAll();
            if (atEnd()) {
                throw incomplete("An empty pipe element is not permitted.", "EmptyPipeElement");
            }
            if (peek() == '|' || peek() == ';' || peek() == ')' || peek() == '}') {
                throw error("An empty pipe element is not permitted.", "EmptyPipeElement", pos);
            }
            if (startsExpression() && !(peek() == '$' && peek(1) == '(' ) && peek() != '&') {
                int p = pos;
                Expr e = expression();
                throw new PsError("Expressions are only allowed as the first element of a pipeline.",
                        "ParserError: (:) [], ParentContainsErrorRecordException", "ExpressionsMustBeFirstInPipeline")
                        .at(Math.max(p, e.pos()));
            }
            elements.add(command());
        }
    }

    /** Whether the statement at pos is an expression (not a command). */
    boolean startsExpression() {
        char c = peek();
        if (c == '$' || c == '\'' || c == '"' || c == '(' || c == '[' || c == '@' || c == '!' || c == ','
                || c == '\u2018' || c == '\u2019' || c == '\u201c' || c == '\u201d' || c == '{') {
            return true;
        }
        if (Character.isDigit(c)) {
            int save = pos;
            Object n = number();
            pos = save;
            return n != null;
        }
        if (c == '.' && Character.isDigit(peek(1))) {
            return true;
        }
        if (c == '-' || c == '+') {
            char n = peek(1);
            if (Character.isDigit(n) || n == '$' || n == '(' || n == '.' || n == c || n == '[' || n == '\'' || n == '"') {
                return true;
            }
            if (c == '-') {
                for (String op : List.of("not", "bnot", "split", "join")) {
                    if (src.regionMatches(true, pos + 1, op, 0, op.length()) && !isIdentChar(peek(op.length() + 1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A command: name (or {@code &}/{@code .} and an expression) then arguments. */
    Ast.Command command() {
        skipBlanks();
        char invocation = '\0';
        Expr name;
        int nameEnd;
        if ((peek() == '&' || peek() == '.') && (isBlank(peek(1)) || "$'\"({".indexOf(peek(1)) >= 0)) {
            invocation = peek();
            pos++;
            skipBlanks();
            if (peek() == '{' || peek() == '$' || peek() == '(' || peek() == '\'' || peek() == '"') {
                boolean saved = noComma;
                noComma = true;
                name = postfix();
                noComma = saved;
            } else {
                name = bareWord();
            }
        } else {
            name = bareWord();
        }
        nameEnd = pos;
        if (name instanceof Ast.Const c && "".equals(c.value())) {
            int end = pos;
            String tok = String.valueOf(peek());
            throw new PsError("Unexpected token '" + tok + "' in expression or statement.",
                    "ParserError: (" + tok + ":String) [], ParentContainsErrorRecordException", "UnexpectedToken")
                    .at(end + 1);
        }
        List<Ast.CommandArg> args = new ArrayList<>();
        List<Ast.Redirect> redirects = new ArrayList<>();
        while (true) {
            skipBlanks();
            char c = peek();
            if (atEnd() || c == '|' || c == ';' || isNewline(c) || c == ')' || c == '}') {
                break;
            }
            if (c == '&' && peek(1) == '&') {
                break;
            }
            Ast.Redirect r = redirection();
            if (r != null) {
                redirects.add(r);
                continue;
            }
            int at = pos;
            if ((c == '-' || c == '\u2013') && (Character.isLetter(peek(1)) || peek(1) == '_' || peek(1) == '?')) {
                pos++;
                int n = pos;
                while (!atEnd() && !Character.isWhitespace(peek()) && peek() != ':' && "|;(){},".indexOf(peek()) < 0) {
                    pos++;
                }
                String pname = src.substring(n, pos);
                if (peek() == ':') {
                    pos++;
                    skipBlanks();
                    args.add(new Ast.CommandArg(pname, commandArgumentValue(), true, at));
                } else {
                    args.add(new Ast.CommandArg(pname, null, false, at));
                }
                continue;
            }
            if (c == '-' && peek(1) == '-' && isBlank(peek(2))) {
                pos += 2;
                args.add(new Ast.CommandArg(null, new Ast.Const("--", at), false, at));
                continue;
            }
            args.add(new Ast.CommandArg(null, commandArgumentValue(), false, at));
        }
        return new Ast.Command(name, args, invocation, redirects, nameEnd);
    }

    private List<Ast.Redirect> redirections() {
        List<Ast.Redirect> list = new ArrayList<>();
        while (true) {
            skipBlanks();
            Ast.Redirect r = redirection();
            if (r == null) {
                return list;
            }
            list.add(r);
        }
    }

    /** {@code 2>&1}, {@code >}, {@code >>}, {@code 1>}, {@code 2>}, {@code 2>>} at pos, or null. */
    private Ast.Redirect redirection() {
        int stream = 1;
        int p = pos;
        if ((peek() == '1' || peek() == '2') && peek(1) == '>') {
            stream = peek() - '0';
            p++;
        } else if (peek() != '>') {
            return null;
        }
        p++;
        boolean append = false;
        if (p < src.length() && src.charAt(p) == '>') {
            append = true;
            p++;
        }
        if (stream == 2 && !append && src.startsWith("&1", p)) {
            pos = p + 2;
            return new Ast.Redirect(2, false, null, true);
        }
        pos = p;
        skipBlanks();
        if (atEnd() || isNewline(peek())) {
            throw error("Missing file specification after redirection operator.", "MissingFileSpecification", pos);
        }
        return new Ast.Redirect(stream, append, commandArgumentValue(), false);
    }

    /**
     * One argument value in command mode: an expression when it starts like one ($var with members, quotes,
     * parentheses, @( ), numbers), otherwise a bare word (which may expand $variables); commas make an array.
     */
    Expr commandArgumentValue() {
        Expr first = singleArgument();
        skipBlanks();
        if (peek() != ',') {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (peek() == ',') {
            pos++;
            skipAll();
            items.add(singleArgument());
            skipBlanks();
        }
        return new Ast.ArrayLit(items, first.pos());
    }

    private Expr singleArgument() {
        skipBlanks();
        char c = peek();
        int at = pos;
        boolean saved = noComma;
        noComma = true;
        try {
            if (c == '$' || c == '(' || c == '@' || c == '{' || c == '\'' || c == '"' || c == '\u2018' || c == '\u201c') {
                Expr e = postfix();
                if (atWordEnd()) {
                    return e;
                }
                // "$x.txt" style concatenations in command mode: reparse the whole word as expandable text.
                if (e instanceof Ast.Var) {
                    pos = at;
                    return bareWord();
                }
                return e;
            }
            if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1))) || (c == '.' && Character.isDigit(peek(1)))) {
                int p = pos;
                boolean neg = c == '-';
                if (neg) {
                    pos++;
                }
                Object n = number();
                if (n != null && atWordEnd()) {
                    Expr num = new Ast.Const(n, p);
                    return neg ? new Ast.Unary("-", num, p) : num;
                }
                pos = p;
            }
            return bareWord();
        } finally {
            noComma = saved;
        }
    }

    private boolean atWordEnd() {
        char c = peek();
        return atEnd() || Character.isWhitespace(c) || "|;(){},".indexOf(c) >= 0 || c == '>' && false;
    }

    /** A bare word up to whitespace or {@code | ; ( ) { } ,}; {@code $name} inside expands. */
    Expr bareWord() {
        int at = pos;
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (Character.isWhitespace(c) || "|;(){},".indexOf(c) >= 0) {
                break;
            }
            if (c == '`' && pos + 1 < src.length()) {
                if (isNewline(peek(1))) {
                    break;
                }
                lit.append(escape(peek(1)));
                pos += 2;
                continue;
            }
            if (c == '$' && (isIdentChar(peek(1)) || peek(1) == '{' || peek(1) == '(')) {
                if (lit.length() > 0) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                if (peek(1) == '(') {
                    int sub = pos;
                    pos += 2;
                    parts.add(new Ast.SubExpr(statementBlockUntil(')'), sub));
                } else {
                    parts.add(variable(false));
                }
                continue;
            }
            if ((c == '\'' || c == '"') && pos > at) {
                // a quoted part inside a word: 'a'b -> ab
                Expr q = primary();
                parts.add(q);
                continue;
            }
            lit.append(c);
            pos++;
        }
        if (lit.length() > 0) {
            parts.add(lit.toString());
        }
        if (parts.isEmpty()) {
            return new Ast.Const("", at);
        }
        if (parts.size() == 1 && parts.get(0) instanceof String s) {
            return new Ast.Const(s, at);
        }
        return new Ast.Expandable(parts, at);
    }
}
