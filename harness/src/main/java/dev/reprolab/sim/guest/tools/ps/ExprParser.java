package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.ps.Ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Expression mode of the PowerShell 2.0 grammar, lowest precedence first: logical ({@code -and -or -xor}), bitwise,
 * comparison (with {@code c}/{@code i} variants, {@code -like -match -replace -contains -split -join -is -as}),
 * additive, multiplicative, format ({@code -f}), range, array (comma), unary and casts, postfix members and indexes.
 */
abstract class ExprParser extends SourceReader {

    static final Set<String> LOGICAL = Set.of("and", "or", "xor");
    static final Set<String> BITWISE = Set.of("band", "bor", "bxor");
    static final Set<String> COMPARISON_BASE = Set.of("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match",
            "notmatch", "replace", "contains", "notcontains", "split");
    static final Set<String> TYPE_OPS = Set.of("is", "isnot", "as", "join");

    /** Method arguments and command arguments use commas as separators, not as the array operator. */
    boolean noComma;

    ExprParser(String src) {
        super(src);
    }

    abstract Ast.Block statementBlockUntil(char close);

    abstract Ast.ScriptBlock scriptBlockBody(int open);

    abstract Ast.Stmt pipelineOrAssignment();

    /** The operator name at pos ({@code -eq} gives "eq"), or null when pos is not at one of {@code allowed}. */
    private String operatorAt(Set<String> allowed, boolean caseVariants) {
        if (peek() != '-' && peek() != '\u2013') {
            return null;
        }
        int p = pos + 1;
        int start = p;
        while (p < src.length() && Character.isLetter(src.charAt(p))) {
            p++;
        }
        if (p == start || (p < src.length() && (isIdentChar(src.charAt(p)) || src.charAt(p) == ':'))) {
            return null;
        }
        String op = src.substring(start, p).toLowerCase(Locale.ROOT);
        if (allowed.contains(op)) {
            return op;
        }
        if (caseVariants && op.length() > 1 && (op.charAt(0) == 'c' || op.charAt(0) == 'i')
                && COMPARISON_BASE.contains(op.substring(1))) {
            return op;
        }
        return null;
    }

    private String takeOperator(Set<String> allowed, boolean caseVariants) {
        skipBlanks();
        String op = operatorAt(allowed, caseVariants);
        if (op != null) {
            pos += op.length() + 1;
        }
        return op;
    }

    /** The right operand: newlines may follow a binary operator. */
    private Expr rightOf(java.util.function.Supplier<Expr> next, String op) {
        skipAll();
        if (atEnd()) {
            throw incomplete("You must provide a value expression on the right-hand side of the '-" + op
                    + "' operator.", "ExpectedValueExpression");
        }
        return next.get();
    }

    Expr expression() {
        Expr left = bitwise();
        while (true) {
            int at = pos;
            String op = takeOperator(LOGICAL, false);
            if (op == null) {
                return left;
            }
            left = new Ast.Binary(op, left, rightOf(this::bitwise, op), pos(at, op));
        }
    }

    private static int pos(int at, String op) {
        return at;
    }

    private Expr bitwise() {
        Expr left = comparison();
        while (true) {
            int at = pos;
            String op = takeOperator(BITWISE, false);
            if (op == null) {
                return left;
            }
            left = new Ast.Binary(op, left, rightOf(this::comparison, op), at);
        }
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            skipBlanks();
            int at = pos;
            String op = takeOperator(COMPARISON_BASE, true);
            if (op == null) {
                op = takeOperator(TYPE_OPS, false);
            }
            if (op == null) {
                unknownOperatorCheck();
                return left;
            }
            int opEnd = pos;
            Expr right = rightOf(this::additive, op);
            left = new Ast.Binary(op, left, right, opEnd);
            assert at <= opEnd;
        }
    }

    /** {@code -in}, {@code -notin}, {@code -shl}... are PowerShell 3.0: 2.0's parser stops at them. */
    private void unknownOperatorCheck() {
        if ((peek() == '-') && Character.isLetter(peek(1))) {
            int p = pos + 1;
            while (p < src.length() && Character.isLetter(src.charAt(p))) {
                p++;
            }
            String word = src.substring(pos + 1, p);
            if (Set.of("in", "notin", "shl", "shr", "cin", "iin", "cnotin", "inotin").contains(word.toLowerCase(Locale.ROOT))) {
                throw new PsError("Unexpected token '-" + word + "' in expression or statement.",
                        "ParserError: (-" + word + ":String) [], ParentContainsErrorRecordException", "UnexpectedToken")
                        .at(p);
            }
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            skipBlanks();
            char c = peek();
            if ((c == '+' || c == '-' || c == '\u2013') && peek(1) != '=' && peek(1) != c
                    && !(c != '+' && Character.isLetter(peek(1)))) {
                int at = pos;
                pos++;
                Expr right = rightOf(this::multiplicative, String.valueOf(c));
                left = new Ast.Binary(c == '+' ? "+" : "-", left, right, at + 1);
            } else {
                return left;
            }
        }
    }

    private Expr multiplicative() {
        Expr left = format();
        while (true) {
            skipBlanks();
            char c = peek();
            if ((c == '*' || c == '/' || c == '%') && peek(1) != '=') {
                int at = pos;
                pos++;
                Expr right = rightOf(this::format, String.valueOf(c));
                left = new Ast.Binary(String.valueOf(c), left, right, at + 1);
            } else {
                return left;
            }
        }
    }

    private Expr format() {
        Expr left = range();
        while (true) {
            int at = pos;
            String op = takeOperator(Set.of("f"), false);
            if (op == null) {
                return left;
            }
            left = new Ast.Binary("f", left, rightOf(this::range, op), pos);
            assert at < pos;
        }
    }

    private Expr range() {
        Expr left = array();
        skipBlanks();
        if (peek() == '.' && peek(1) == '.') {
            int at = pos;
            pos += 2;
            Expr right = rightOf(this::array, "..");
            return new Ast.Binary("..", left, right, at + 2);
        }
        return left;
    }

    private Expr array() {
        Expr first = unary();
        if (noComma) {
            return first;
        }
        skipBlanks();
        if (peek() != ',') {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (true) {
            skipBlanks();
            if (peek() != ',') {
                break;
            }
            pos++;
            skipAll();
            if (atEnd()) {
                throw incomplete("Missing expression after ','.", "MissingExpressionAfterToken");
            }
            items.add(unary());
        }
        return new Ast.ArrayLit(items, first.pos());
    }

    Expr unary() {
        skipBlanks();
        int at = pos;
        char c = peek();
        if (c == '!') {
            pos++;
            return new Ast.Unary("not", unary(), at);
        }
        if (c == ',') {
            pos++;
            return new Ast.Unary(",", unary(), at);
        }
        if ((c == '+' || c == '-') && peek(1) == c) {
            pos += 2;
            Expr target = unary();
            return new Ast.IncDec(target, c == '+', true, at);
        }
        if (c == '-' || c == '\u2013') {
            String op = operatorAt(Set.of("not", "bnot", "split", "join", "csplit", "isplit"), false);
            if (op != null) {
                pos += op.length() + 1;
                skipBlanks();
                return new Ast.Unary(op, unary(), at);
            }
            if (!Character.isLetter(peek(1))) {
                pos++;
                skipBlanks();
                return new Ast.Unary("-", unary(), at);
            }
        }
        if (c == '+') {
            pos++;
            return new Ast.Unary("+", unary(), at);
        }
        if (c == '[') {
            int mark = pos;
            String type = typeName();
            skipBlanks();
            char n = peek();
            boolean operandFollows = n == '$' || n == '(' || n == '[' || n == '\'' || n == '"' || n == '@'
                    || Character.isDigit(n) || n == '-' || n == '+' || n == '!' || n == '{' || n == '.';
            if (pos == mark || peek() == ':' || !operandFollows) {
                pos = mark;
                return postfix();
            }
            Expr operand = unary();
            return new Ast.Cast(type, operand, mark + type.length() + 2);
        }
        return postfix();
    }

    /** Reads {@code [Type.Name]} / {@code [byte[]]} / {@code [Collections.Generic.List[string]]}; returns the name. */
    String typeName() {
        int start = pos;
        pos++;
        int depth = 1;
        while (!atEnd() && depth > 0) {
            char c = src.charAt(pos++);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (isNewline(c)) {
                break;
            }
        }
        if (depth > 0) {
            throw error("Missing ] at end of type token.", "EndSquareBracketExpectedAtEndOfType", pos);
        }
        return src.substring(start + 1, pos - 1).trim();
    }

    Expr postfix() {
        Expr value = primary();
        while (true) {
            char c = peek();
            if (c == '.' && peek(1) != '.' || (c == ':' && peek(1) == ':')) {
                boolean isStatic = c == ':';
                int at = pos;
                pos += isStatic ? 2 : 1;
                Expr name;
                if (peek() == '$' || peek() == '(' || peek() == '\'' || peek() == '"') {
                    name = primary();
                } else {
                    String id = identifier();
                    if (id.isEmpty()) {
                        if (atEnd()) {
                            throw incomplete("Missing property name after reference operator.", "MissingPropertyName");
                        }
                        throw error("Missing property name after reference operator.", "MissingPropertyName", pos);
                    }
                    name = new Ast.Const(id, at + 1);
                }
                int nameEnd = pos;
                if (peek() == '(') {
                    pos++;
                    List<Expr> args = arguments();
                    value = new Ast.Invoke(value, name, args, isStatic, nameEnd);
                } else {
                    value = new Ast.Member(value, name, isStatic, nameEnd);
                }
            } else if (c == '[' && !(value instanceof Ast.TypeLit)) {
                int at = pos;
                pos++;
                boolean saved = noComma;
                noComma = false;
                skipAll();
                Expr index = expression();
                noComma = saved;
                skipAll();
                expect(']', "Array index expression is missing or not valid.", "MissingArrayIndexExpression");
                value = new Ast.Index(value, index, at);
            } else if ((c == '+' || c == '-') && peek(1) == c && isAssignable(value)) {
                int at = pos;
                pos += 2;
                value = new Ast.IncDec(value, c == '+', false, at);
            } else {
                return value;
            }
        }
    }

    static boolean isAssignable(Expr e) {
        return e instanceof Ast.Var || e instanceof Ast.Member || e instanceof Ast.Index;
    }

    /** Method call arguments after {@code (}: comma-separated expressions up to {@code )}. */
    private List<Expr> arguments() {
        List<Expr> args = new ArrayList<>();
        boolean saved = noComma;
        noComma = true;
        try {
            skipAll();
            if (peek() == ')') {
                pos++;
                return args;
            }
            while (true) {
                skipAll();
                args.add(expression());
                skipAll();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect(')', "Missing ')' in method call.", "MissingEndParenthesisInMethodCall");
                return args;
            }
        } finally {
            noComma = saved;
        }
    }

    abstract Expr primary();
}
