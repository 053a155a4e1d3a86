package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Runs PowerShell 2.0 scripts of the supported subset, statement by statement: each statement is parsed and
 * evaluated at once (there is no control flow in the subset), its output written to {@code out}, errors to
 * {@code err} in PowerShell 2.0's layout. Variables survive between {@link #run} calls, which is how
 * {@code powershell -Command -} runs each stdin line.
 */
public final class PsInterpreter {

    private final PsHost host;
    private final Consumer<String> out;
    private final Consumer<String> err;
    private final Map<String, Object> variables = new HashMap<>();
    private final PsMembers members;
    private final PsCmdlets cmdlets;
    private boolean hadError;

    /**
     * @param out receives stdout text (CRLF line ends) as statements produce it
     * @param err receives error records (CRLF)
     */
    public PsInterpreter(PsHost host, Consumer<String> out, Consumer<String> err) {
        this.host = host;
        this.out = out;
        this.err = err;
        this.members = new PsMembers(host);
        this.cmdlets = new PsCmdlets(host);
        variables.put("true", Boolean.TRUE);
        variables.put("false", Boolean.FALSE);
        variables.put("null", null);
    }

    /** Whether any statement so far failed ({@code powershell.exe} then exits 1 unless the script said exit N). */
    public boolean hadError() {
        return hadError;
    }

    /** Closes every stream the script left open (the process is exiting). */
    public void closeAll() {
        for (Object v : variables.values()) {
            if (v instanceof PsFileStream s) {
                s.close();
            }
        }
    }

    /**
     * Runs a script.
     *
     * @return the exit code when the script executed {@code exit}, empty otherwise
     */
    public OptionalInt run(String script) {
        PsScanner sc = new PsScanner(script);
        while (true) {
            skipSeparators(sc);
            if (sc.atEnd()) {
                return OptionalInt.empty();
            }
            int start = sc.pos;
            try {
                OptionalInt exit = statement(sc);
                if (exit.isPresent()) {
                    return exit;
                }
                sc.skipBlanks();
                if (!sc.atStatementEnd()) {
                    throw PsError.parse("Unexpected token '" + tokenAt(sc) + "' in expression or statement.",
                            "UnexpectedToken").at(sc.pos + tokenAt(sc).length());
                }
            } catch (PsError e) {
                hadError = true;
                err.accept(PsFormat.error(script, e.position() < 0 ? start : e.position(), e));
                skipRestOfStatement(sc);
            }
        }
    }

    private static String tokenAt(PsScanner sc) {
        int p = sc.pos;
        String w = sc.bareWord();
        sc.pos = p;
        return w.isEmpty() ? String.valueOf(sc.peek()) : w;
    }

    private static void skipSeparators(PsScanner sc) {
        while (true) {
            sc.skipBlanks();
            char c = sc.peek();
            if (!sc.atEnd() && (c == '\n' || c == '\r' || c == ';')) {
                sc.pos++;
            } else {
                return;
            }
        }
    }

    /** After an error: skip to the next statement separator outside quotes and parentheses. */
    private static void skipRestOfStatement(PsScanner sc) {
        int depth = 0;
        while (!sc.atEnd()) {
            char c = sc.peek();
            if (c == '\'') {
                try {
                    sc.singleQuoted();
                } catch (PsError e) {
                    sc.pos = sc.src.length();
                }
                continue;
            }
            if (c == '"') {
                try {
                    sc.doubleQuotedRaw();
                } catch (PsError e) {
                    sc.pos = sc.src.length();
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth <= 0 && (c == ';' || c == '\n' || c == '\r')) {
                return;
            }
            sc.pos++;
        }
    }

    /** Thrown through the interpreter when the command is stopped (Ctrl+C, terminate). */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private OptionalInt statement(PsScanner sc) {
        sc.skipBlanks();
        int mark = sc.pos;
        String word = sc.identifier();
        if (word.equalsIgnoreCase("while") && (sc.peekAfterBlanks() == '(')) {
            sc.skipBlanks();
            int condStart = sc.pos;
            while (true) {
                sc.pos = condStart;
                Object cond = parenthesized(sc);
                String body = block(sc);
                if (!PsValues.truthy(cond)) {
                    return OptionalInt.empty();
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new Stopped();
                }
                OptionalInt exit = run(body);
                if (exit.isPresent()) {
                    return exit;
                }
            }
        }
        if (word.equalsIgnoreCase("if") && (sc.peekAfterBlanks() == '(')) {
            sc.skipBlanks();
            Object cond = parenthesized(sc);
            String then = block(sc);
            String otherwise = null;
            int save = sc.pos;
            sc.skipBlanksAndNewlines();
            if (sc.identifier().equalsIgnoreCase("else")) {
                otherwise = block(sc);
            } else {
                sc.pos = save;
            }
            String chosen = PsValues.truthy(cond) ? then : otherwise;
            return chosen == null ? OptionalInt.empty() : run(chosen);
        }
        if (word.equalsIgnoreCase("exit") && (sc.atEnd() || !PsScanner.isNameChar(sc.peek()))) {
            sc.skipBlanks();
            if (sc.atStatementEnd()) {
                return OptionalInt.of(0);
            }
            Object code = expression(sc);
            return OptionalInt.of((int) PsValues.toLong(code));
        }
        sc.pos = mark;
        if (sc.peek() == '$') {
            sc.pos++;
            String name = sc.identifier();
            sc.skipBlanks();
            if (sc.peek() == '=' && sc.peek(1) != '=') {
                sc.pos++;
                sc.skipBlanks();
                List<Object> value = pipeline(sc);
                variables.put(name.toLowerCase(Locale.ROOT), PsValues.collapse(value));
                return OptionalInt.empty();
            }
            sc.pos = mark;
        }
        List<Object> output = pipeline(sc);
        String text = PsFormat.render(output, host);
        if (!text.isEmpty()) {
            out.accept(text);
        }
        return OptionalInt.empty();
    }

    private Object parenthesized(PsScanner sc) {
        expect(sc, '(');
        sc.skipBlanks();
        List<Object> inner = pipeline(sc);
        sc.skipBlanks();
        expect(sc, ')');
        return PsValues.collapse(inner);
    }

    /** Reads a {@code { ... }} block and returns its text. */
    private static String block(PsScanner sc) {
        sc.skipBlanksAndNewlines();
        if (sc.peek() != '{') {
            throw PsError.parse("Missing statement block.", "MissingStatementBlock").at(sc.pos);
        }
        int start = ++sc.pos;
        int depth = 1;
        while (!sc.atEnd()) {
            char c = sc.peek();
            if (c == '\'') {
                sc.singleQuoted();
                continue;
            }
            if (c == '"') {
                sc.doubleQuotedRaw();
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                String body = sc.src.substring(start, sc.pos);
                sc.pos++;
                return body;
            }
            sc.pos++;
        }
        throw PsError.parse("Missing closing '}' in statement block.", "MissingEndCurlyBrace").at(sc.pos);
    }

    /** {@code command | command ...}; returns the last command's output. */
    List<Object> pipeline(PsScanner sc) {
        List<Object> input = command(sc, null);
        while (true) {
            sc.skipBlanks();
            if (sc.peek() != '|') {
                return input;
            }
            sc.pos++;
            sc.skipBlanks();
            while (sc.peek() == '\n' || sc.peek() == '\r') {
                sc.pos++;
                sc.skipBlanks();
            }
            input = command(sc, input);
        }
    }

    private List<Object> command(PsScanner sc, List<Object> input) {
        sc.skipBlanks();
        char c = sc.peek();
        if (Character.isLetter(c) || c == '_') {
            int start = sc.pos;
            String name = sc.bareWord();
            int nameEnd = sc.pos;
            if (name.equalsIgnoreCase("start-sleep")) {
                List<PsCmdlets.Arg> args = arguments(sc);
                long ms = 0;
                boolean millis = false;
                for (PsCmdlets.Arg a : args) {
                    if (a.name() != null) {
                        millis = a.name().toLowerCase(Locale.ROOT).startsWith("m");
                        if (a.value() == null) {
                            continue; // -Milliseconds 200: the value is the next argument
                        }
                    }
                    long v = PsValues.toLong(a.value());
                    ms += millis ? v : v * 1000;
                }
                try {
                    host.sleep(java.time.Duration.ofMillis(ms));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
                return List.of();
            }
            if (!cmdlets.knows(name)) {
                int lineEnd = sc.pos;
                while (!sc.atEnd() && !sc.atStatementEnd() && sc.peek() != '|') {
                    sc.pos++;
                }
                String line = name + sc.src.substring(lineEnd, sc.pos);
                List<Object> lines = new ArrayList<>();
                Integer rc;
                try {
                    rc = host.external(line.strip(), l -> {
                        if (input == null) {
                            out.accept(l + "\r\n");
                        } else {
                            lines.add(l);
                        }
                    }, l -> err.accept(l + "\r\n"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
                if (rc == null) {
                    throw PsError.notRecognized(name).at(nameEnd);
                }
                variables.put("lastexitcode", (long) rc);
                return lines;
            }
            List<PsCmdlets.Arg> args = arguments(sc);
            try {
                return cmdlets.invoke(name, args, input);
            } catch (PsError e) {
                throw e.at(nameEnd);
            } catch (PsFileStream.DotNetException e) {
                throw PsError.dotNet(name, 0, e.getMessage()).at(nameEnd);
            } finally {
                assert start <= nameEnd;
            }
        }
        if (input != null) {
            throw PsError.parse("Expressions are only allowed as the first element of a pipeline.",
                    "ExpressionsMustBeFirstInPipeline").at(sc.pos);
        }
        List<Object> result = new ArrayList<>();
        Object value = arrayExpression(sc);
        if (value != PsValues.VOID) {
            PsValues.enumerateInto(value, result);
        }
        return result;
    }

    /** Command-mode arguments up to the end of the command. */
    private List<PsCmdlets.Arg> arguments(PsScanner sc) {
        List<PsCmdlets.Arg> args = new ArrayList<>();
        while (true) {
            sc.skipBlanks();
            char c = sc.peek();
            if (sc.atStatementEnd() || c == '|' || c == ')') {
                return args;
            }
            if (c == '-' && Character.isLetter(sc.peek(1))) {
                sc.pos++;
                String name = sc.identifier();
                Object value = null;
                if (sc.peek() == ':') {
                    sc.pos++;
                    value = argumentValue(sc);
                }
                args.add(new PsCmdlets.Arg(name, value, sc.pos));
            } else {
                args.add(new PsCmdlets.Arg(null, argumentValue(sc), sc.pos));
            }
        }
    }

    private Object argumentValue(PsScanner sc) {
        char c = sc.peek();
        if (c == '$' || c == '\'' || c == '"' || c == '(' || c == '[' || c == '@' || Character.isDigit(c)) {
            int mark = sc.pos;
            if (Character.isDigit(c)) {
                String word = sc.bareWord();
                sc.pos = mark;
                if (!word.chars().allMatch(Character::isLetterOrDigit)) {
                    sc.pos = mark + word.length();
                    return word;
                }
            }
            Object v = postfix(sc);
            // A comma list in command mode is one array argument.
            if (sc.peek() == ',') {
                List<Object> items = new ArrayList<>();
                items.add(v);
                while (sc.peek() == ',') {
                    sc.pos++;
                    sc.skipBlanks();
                    items.add(postfix(sc));
                }
                return items.toArray();
            }
            return v;
        }
        return sc.bareWord();
    }

    /** {@code a, b, c} → an array; a single item stays itself. */
    private Object arrayExpression(PsScanner sc) {
        Object first = expression(sc);
        sc.skipBlanks();
        if (sc.peek() != ',') {
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first);
        while (sc.peek() == ',') {
            sc.pos++;
            sc.skipBlanks();
            items.add(expression(sc));
            sc.skipBlanks();
        }
        return items.toArray();
    }

    /** Comparisons ({@code -lt -le -gt -ge -eq -ne}) over additive expressions. */
    Object expression(PsScanner sc) {
        Object left = additive(sc);
        while (true) {
            sc.skipBlanks();
            if (sc.peek() != '-') {
                return left;
            }
            int mark = sc.pos;
            sc.pos++;
            String op = sc.identifier().toLowerCase(Locale.ROOT);
            if (!List.of("lt", "le", "gt", "ge", "eq", "ne").contains(op)) {
                sc.pos = mark;
                return left;
            }
            sc.skipBlanks();
            Object right = additive(sc);
            int c = PsValues.compare(left, right);
            left = switch (op) {
                case "lt" -> c < 0;
                case "le" -> c <= 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "eq" -> c == 0;
                default -> c != 0;
            };
        }
    }

    /** Additive/multiplicative arithmetic and string concatenation, left to right with * before +/-. */
    Object additive(PsScanner sc) {
        Object left = term(sc);
        while (true) {
            sc.skipBlanks();
            char c = sc.peek();
            if ((c == '+' || c == '-') && !Character.isLetter(sc.peek(1))) {
                int opEnd = sc.pos + 1;
                sc.pos++;
                sc.skipBlanks();
                Object right = term(sc);
                left = PsValues.arithmetic(c, left, right, opEnd);
            } else {
                return left;
            }
        }
    }

    private Object term(PsScanner sc) {
        Object left = unary(sc);
        while (true) {
            sc.skipBlanks();
            char c = sc.peek();
            if (c == '*' || c == '/' || c == '%') {
                int opEnd = sc.pos + 1;
                sc.pos++;
                sc.skipBlanks();
                Object right = unary(sc);
                left = PsValues.arithmetic(c, left, right, opEnd);
            } else {
                return left;
            }
        }
    }

    private Object unary(PsScanner sc) {
        sc.skipBlanks();
        if (sc.peek() == '-' && Character.isDigit(sc.peek(1))) {
            sc.pos++;
            return -PsValues.toLong(postfix(sc));
        }
        if (sc.peek() == '[') {
            int mark = sc.pos;
            String type = typeLiteral(sc);
            if (sc.peek() != ':') {
                // A cast: [void]x, [int]x, [string]x, [byte[]]x.
                int typeEnd = sc.pos;
                Object operand = unary(sc);
                return PsValues.cast(type, operand, typeEnd);
            }
            sc.pos = mark;
        }
        return postfix(sc);
    }

    /** Reads {@code [Type.Name]} and returns the name. */
    private static String typeLiteral(PsScanner sc) {
        int start = sc.pos;
        sc.pos++;
        int depth = 1;
        while (!sc.atEnd() && depth > 0) {
            char c = sc.src.charAt(sc.pos++);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
        }
        if (depth > 0) {
            throw PsError.parse("Missing ] at end of type token.", "EndSquareBracketExpectedAtEndOfType").at(sc.pos);
        }
        return sc.src.substring(start + 1, sc.pos - 1).trim();
    }

    private Object postfix(PsScanner sc) {
        Object value = primary(sc);
        while (true) {
            if (sc.peek() == '.' && (Character.isLetter(sc.peek(1)) || sc.peek(1) == '_')) {
                sc.pos++;
                String name = sc.identifier();
                int nameEnd = sc.pos;
                if (sc.peek() == '(') {
                    List<Object> args = methodArguments(sc);
                    value = members.invoke(value, name, args, nameEnd);
                } else {
                    value = members.property(value, name);
                }
            } else if (sc.peek() == ':' && sc.peek(1) == ':' && value instanceof PsValues.TypeRef type) {
                sc.pos += 2;
                String name = sc.identifier();
                int nameEnd = sc.pos;
                if (sc.peek() == '(') {
                    List<Object> args = methodArguments(sc);
                    value = members.invokeStatic(type, name, args, nameEnd);
                } else {
                    value = members.staticProperty(type, name, nameEnd);
                }
            } else if (sc.peek() == '[' && !(value instanceof PsValues.TypeRef)) {
                sc.pos++;
                sc.skipBlanks();
                Object index = expression(sc);
                sc.skipBlanks();
                expect(sc, ']');
                value = PsValues.index(value, index);
            } else {
                return value;
            }
        }
    }

    private List<Object> methodArguments(PsScanner sc) {
        sc.pos++;
        List<Object> args = new ArrayList<>();
        sc.skipBlanks();
        if (sc.peek() == ')') {
            sc.pos++;
            return args;
        }
        while (true) {
            sc.skipBlanks();
            args.add(expression(sc));
            sc.skipBlanks();
            if (sc.peek() == ',') {
                sc.pos++;
            } else {
                expect(sc, ')');
                return args;
            }
        }
    }

    private static void expect(PsScanner sc, char c) {
        if (sc.peek() != c) {
            throw PsError.parse("Missing closing '" + c + "' in expression.", "MissingEndParenthesisInExpression")
                    .at(sc.pos);
        }
        sc.pos++;
    }

    private Object primary(PsScanner sc) {
        sc.skipBlanks();
        char c = sc.peek();
        switch (c) {
            case '$' -> {
                sc.pos++;
                String name = sc.identifier();
                if (name.isEmpty()) {
                    throw PsError.parse("Unexpected token '$' in expression or statement.", "UnexpectedToken")
                            .at(sc.pos);
                }
                return variables.get(name.toLowerCase(Locale.ROOT));
            }
            case '\'' -> {
                return sc.singleQuoted();
            }
            case '"' -> {
                return expand(sc.doubleQuotedRaw());
            }
            case '(' -> {
                sc.pos++;
                sc.skipBlanks();
                List<Object> inner = pipeline(sc);
                sc.skipBlanks();
                expect(sc, ')');
                return PsValues.collapse(inner);
            }
            case '@' -> {
                if (sc.peek(1) == '(') {
                    sc.pos += 2;
                    sc.skipBlanks();
                    List<Object> inner = sc.peek() == ')' ? List.of() : pipeline(sc);
                    sc.skipBlanks();
                    expect(sc, ')');
                    return inner.toArray();
                }
            }
            case '[' -> {
                String type = typeLiteral(sc);
                return PsValues.TypeRef.resolve(type, sc.pos);
            }
            default -> {
                Long n = sc.number();
                if (n != null) {
                    return n;
                }
            }
        }
        int end = sc.pos;
        String token = tokenAt(sc);
        throw PsError.parse("Unexpected token '" + token + "' in expression or statement.", "UnexpectedToken")
                .at(end + token.length());
    }

    /** Expands {@code $var} and backtick escapes inside a double-quoted string. */
    private String expand(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '`' && i + 1 < raw.length()) {
                char e = raw.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    default -> e;
                });
            } else if (c == '$' && i + 1 < raw.length()
                    && (Character.isLetter(raw.charAt(i + 1)) || raw.charAt(i + 1) == '_')) {
                int j = i + 1;
                while (j < raw.length() && (Character.isLetterOrDigit(raw.charAt(j)) || raw.charAt(j) == '_')) {
                    j++;
                }
                sb.append(PsValues.toStr(variables.get(raw.substring(i + 1, j).toLowerCase(Locale.ROOT))));
                i = j - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
