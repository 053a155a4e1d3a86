package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.ps.Ast.Block;
import dev.reprolab.sim.guest.tools.ps.Ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statements of the PowerShell 2.0 grammar: pipelines, assignments, the control-flow keywords, functions and
 * filters, try/catch/finally, trap, and the param/begin/process/end structure of script blocks. The whole script
 * is parsed before anything runs, as PowerShell does, so a syntax error anywhere runs nothing.
 */
final class Parser extends CommandParser {

    Parser(String src) {
        super(src);
    }

    /** Parses a whole script. */
    static Ast.ScriptBlock parse(String script) {
        Parser p = new Parser(script);
        Ast.ScriptBlock sb = p.scriptBlockContent('\0', 0);
        return sb;
    }

    @Override
    Block statementBlockUntil(char close) {
        int at = pos;
        boolean saved = noComma;
        noComma = false;
        List<Stmt> list = statements(close, null);
        noComma = saved;
        return new Block(list, at);
    }

    @Override
    Ast.ScriptBlock scriptBlockBody(int open) {
        return scriptBlockContent('}', open);
    }

    /** The inside of a script block (or the whole script for close '\0'), consuming the closing brace. */
    private Ast.ScriptBlock scriptBlockContent(char close, int open) {
        boolean saved = noComma;
        noComma = false;
        int start = pos;
        skipSeparators();
        boolean binding = false;
        List<Ast.Param> params = List.of();
        int mark = pos;
        if (peek() == '[') {
            String attr = typeName();
            if (attr.toLowerCase(Locale.ROOT).startsWith("cmdletbinding")) {
                binding = true;
                skipSeparators();
            } else {
                pos = mark;
            }
        }
        if (atKeyword("param")) {
            pos += 5;
            skipAll();
            expect('(', "Missing '(' after 'param' in function declaration.", "MissingOpenParenthesisAfterParam");
            params = paramList();
        } else if (binding) {
            pos = mark;
            binding = false;
        }
        skipSeparators();
        Block begin = null;
        Block process = null;
        Block end = null;
        List<Ast.Trap> traps = new ArrayList<>();
        if (atNamedBlock()) {
            while (true) {
                skipSeparators();
                if (close != '\0' && peek() == close) {
                    pos++;
                    break;
                }
                if (atEnd()) {
                    if (close != '\0') {
                        throw incomplete("Missing closing '}' in statement block.", "MissingEndCurlyBrace");
                    }
                    break;
                }
                int at = pos;
                String kind = identifier().toLowerCase(Locale.ROOT);
                skipAll();
                if (peek() != '{' || !List.of("begin", "process", "end").contains(kind)) {
                    throw error("Unexpected token '" + kind + "' in expression or statement.", "UnexpectedToken", pos);
                }
                pos++;
                Block b = new Block(statements('}', traps), at);
                switch (kind) {
                    case "begin" -> begin = b;
                    case "process" -> process = b;
                    default -> end = b;
                }
            }
        } else {
            end = new Block(statements(close, traps), start);
        }
        noComma = saved;
        int textEnd = close == '\0' ? pos : pos - 1;
        String text = src.substring(close == '\0' ? 0 : open + 1, Math.max(textEnd, close == '\0' ? 0 : open + 1));
        return new Ast.ScriptBlock(params, binding, begin, process, end, text, traps);
    }

    private boolean atNamedBlock() {
        int save = pos;
        try {
            for (String k : List.of("begin", "process", "end")) {
                if (atKeyword(k)) {
                    pos += k.length();
                    skipAll();
                    return peek() == '{';
                }
            }
            return false;
        } finally {
            pos = save;
        }
    }

    /** {@code param(...)} after the opening parenthesis. */
    private List<Ast.Param> paramList() {
        List<Ast.Param> params = new ArrayList<>();
        int position = 0;
        while (true) {
            skipAll();
            if (peek() == ')') {
                pos++;
                return params;
            }
            String type = null;
            boolean mandatory = false;
            boolean fromPipeline = false;
            boolean byName = false;
            int explicitPosition = -1;
            while (peek() == '[') {
                String t = typeName();
                String lower = t.toLowerCase(Locale.ROOT).replace(" ", "");
                if (lower.startsWith("parameter(") || lower.equals("parameter()")) {
                    mandatory = lower.contains("mandatory=$true") || lower.matches(".*mandatory(,|\\)).*");
                    fromPipeline = lower.contains("valuefrompipeline=$true") || lower.matches(".*valuefrompipeline(,|\\)).*");
                    byName = lower.contains("valuefrompipelinebypropertyname");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("position=(\\d+)").matcher(lower);
                    if (m.find()) {
                        explicitPosition = Integer.parseInt(m.group(1));
                    }
                } else if (!lower.startsWith("validate") && !lower.startsWith("alias(") && !lower.startsWith("allow")) {
                    type = t;
                }
                skipAll();
            }
            if (peek() != '$') {
                throw error("Missing variable name in parameter list.", "InvalidFunctionParameter", pos);
            }
            pos++;
            String name = identifier();
            skipAll();
            Ast.Expr def = null;
            if (peek() == '=') {
                pos++;
                skipAll();
                boolean saved = noComma;
                noComma = true;
                def = expression();
                noComma = saved;
                skipAll();
            }
            params.add(new Ast.Param(name, type, def, mandatory, explicitPosition >= 0 ? explicitPosition : position++,
                    fromPipeline, byName));
            if (peek() == ',') {
                pos++;
                continue;
            }
            skipAll();
            if (peek() != ')') {
                if (atEnd()) {
                    throw incomplete("Missing ')' in function parameter list.", "MissingEndParenthesisInFunctionParameterList");
                }
                throw error("Missing ')' in function parameter list.", "MissingEndParenthesisInFunctionParameterList", pos);
            }
        }
    }

    /** Statements up to {@code close} (consumed) or the end for '\0'. Traps go to {@code traps} when given. */
    List<Stmt> statements(char close, List<Ast.Trap> traps) {
        List<Stmt> list = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (atEnd()) {
                if (close != '\0') {
                    String what = close == '}' ? "Missing closing '}' in statement block."
                            : "Missing closing ')' in subexpression.";
                    throw incomplete(what, close == '}' ? "MissingEndCurlyBrace" : "MissingEndParenthesisInSubexpression");
                }
                return list;
            }
            if (close != '\0' && peek() == close) {
                pos++;
                return list;
            }
            if (peek() == '}' || peek() == ')') {
                throw error("Unexpected token '" + peek() + "' in expression or statement.", "UnexpectedToken", pos + 1);
            }
            Stmt s = statement();
            if (s instanceof Ast.Trap t && traps != null) {
                traps.add(t);
            } else {
                list.add(s);
            }
            skipBlanks();
            char c = peek();
            if (!(atEnd() || c == ';' || isNewline(c) || c == close || c == '}')) {
                if (c == '&' && peek(1) == '&') {
                    throw error("The token '&&' is not a valid statement separator in this version.", "InvalidEndOfLine", pos + 2);
                }
                if (c == '|' && peek(1) == '|') {
                    throw error("The token '||' is not a valid statement separator in this version.", "InvalidEndOfLine", pos + 2);
                }
                int end = pos;
                while (end < src.length() && !Character.isWhitespace(src.charAt(end))) {
                    end++;
                }
                String tok = src.substring(pos, end);
                throw new PsError("Unexpected token '" + tok + "' in expression or statement.",
                        "ParserError: (" + tok + ":String) [], ParentContainsErrorRecordException", "UnexpectedToken")
                        .at(end);
            }
        }
    }

    Block block() {
        skipAll();
        if (peek() != '{') {
            if (atEnd()) {
                throw incomplete("Missing statement block.", "MissingStatementBlock");
            }
            throw error("Missing statement block.", "MissingStatementBlock", pos);
        }
        int at = pos++;
        return new Block(statements('}', null), at);
    }

    private Stmt condition(String keyword) {
        skipAll();
        if (peek() != '(') {
            if (atEnd()) {
                throw incomplete("Missing '(' after '" + keyword + "' in " + keyword + " statement.", "MissingOpenParenthesisInIfStatement");
            }
            throw error("Missing '(' after '" + keyword + "' in " + keyword + " statement.", "MissingOpenParenthesisInIfStatement", pos);
        }
        pos++;
        skipAll();
        Stmt c = pipelineOrAssignment();
        skipAll();
        expect(')', "Missing ')' after expression in '" + keyword + "' statement.", "MissingEndParenthesisAfterStatement");
        return c;
    }

    Stmt statement() {
        skipBlanks();
        int at = pos;
        String label = null;
        if (peek() == ':' && isIdentChar(peek(1))) {
            pos++;
            label = identifier();
            skipAll();
        }
        if (tryKeyword("if")) {
            List<Ast.Clause> clauses = new ArrayList<>();
            clauses.add(new Ast.Clause(condition("if"), block()));
            Block otherwise = null;
            while (true) {
                int save = pos;
                skipAll();
                if (tryKeyword("elseif")) {
                    clauses.add(new Ast.Clause(condition("elseif"), block()));
                } else if (tryKeyword("else")) {
                    otherwise = block();
                    break;
                } else {
                    pos = save;
                    break;
                }
            }
            return new Ast.If(clauses, otherwise, at);
        }
        if (tryKeyword("while")) {
            Stmt c = condition("while");
            return new Ast.While(label, c, block(), at);
        }
        if (tryKeyword("do")) {
            Block body = block();
            skipAll();
            boolean until;
            if (tryKeyword("while")) {
                until = false;
            } else if (tryKeyword("until")) {
                until = true;
            } else {
                throw error("Missing while or until keyword in do loop.", "MissingWhileOrUntilInDoWhile", pos);
            }
            return new Ast.DoLoop(label, body, condition(until ? "until" : "while"), until, at);
        }
        if (tryKeyword("for")) {
            skipAll();
            expect('(', "Missing opening '(' after keyword 'for'.", "MissingOpenParenthesisAfterKeyword");
            Stmt init = forPart(';');
            Stmt cond = forPart(';');
            Stmt step = forPart(')');
            return new Ast.For(label, init, cond, step, block(), at);
        }
        if (tryKeyword("foreach")) {
            skipAll();
            expect('(', "Missing opening '(' after keyword 'foreach'.", "MissingOpenParenthesisAfterKeyword");
            skipAll();
            if (peek() != '$') {
                throw error("Missing variable name after foreach.", "MissingVariableNameAfterForeach", pos);
            }
            pos++;
            String var = identifier();
            skipAll();
            if (!tryKeyword("in")) {
                throw error("Missing 'in' after variable in foreach loop.", "MissingInInForeach", pos);
            }
            skipAll();
            Stmt coll = pipelineOrAssignment();
            skipAll();
            expect(')', "Missing closing ')' after expression in 'foreach' statement.", "MissingEndParenthesisAfterForeach");
            return new Ast.Foreach(label, var, coll, block(), at);
        }
        if (tryKeyword("switch")) {
            return switchStatement(label, at);
        }
        if (label != null) {
            pos = at;
        }
        if (atKeyword("function") || atKeyword("filter")) {
            boolean filter = atKeyword("filter");
            pos += filter ? 6 : 8;
            skipAll();
            int n = pos;
            while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '{' && peek() != '(') {
                pos++;
            }
            String name = src.substring(n, pos);
            skipAll();
            List<Ast.Param> inline = null;
            if (peek() == '(') {
                pos++;
                inline = paramList();
                skipAll();
            }
            if (peek() != '{') {
                throw error("Missing function body in function declaration.", "MissingFunctionBody", pos);
            }
            int open = pos++;
            Ast.ScriptBlock body = scriptBlockBody(open);
            if (inline != null) {
                body = new Ast.ScriptBlock(inline, body.cmdletBinding(), body.begin(), body.process(), body.end(),
                        body.text(), body.traps());
            }
            return new Ast.FunctionDef(name, filter, body, at);
        }
        if (tryKeyword("try")) {
            Block body = block();
            List<Ast.Catch> catches = new ArrayList<>();
            Block fin = null;
            while (true) {
                int save = pos;
                skipAll();
                if (tryKeyword("catch")) {
                    List<String> types = new ArrayList<>();
                    skipAll();
                    while (peek() == '[') {
                        types.add(typeName());
                        skipAll();
                        if (peek() == ',') {
                            pos++;
                            skipAll();
                        }
                    }
                    catches.add(new Ast.Catch(types, block()));
                } else if (tryKeyword("finally")) {
                    fin = block();
                    break;
                } else {
                    pos = save;
                    break;
                }
            }
            if (catches.isEmpty() && fin == null) {
                throw error("The Try statement is missing its Catch or Finally block.", "MissingCatchOrFinally", pos);
            }
            return new Ast.Try(body, catches, fin, at);
        }
        if (tryKeyword("trap")) {
            skipAll();
            String type = peek() == '[' ? typeName() : null;
            return new Ast.Trap(type, block(), at);
        }
        for (String kw : List.of("break", "continue")) {
            if (tryKeyword(kw)) {
                skipBlanks();
                String target = null;
                if (isIdentChar(peek())) {
                    target = identifier();
                }
                return new Ast.Flow(kw, target, null, at);
            }
        }
        for (String kw : List.of("return", "exit", "throw")) {
            if (tryKeyword(kw)) {
                skipBlanks();
                Stmt value = null;
                if (!(atEnd() || peek() == ';' || isNewline(peek()) || peek() == '}' || peek() == ')')) {
                    value = pipelineOrAssignment();
                }
                return new Ast.Flow(kw, null, value, at);
            }
        }
        return pipelineOrAssignment();
    }

    private Stmt forPart(char end) {
        skipAll();
        if (peek() == end) {
            pos++;
            return null;
        }
        Stmt s = pipelineOrAssignment();
        skipAll();
        if (peek() == ';' && end == ')') {
            pos++;
            skipAll();
        }
        expect(end, "Missing closing ')' after expression in 'for' statement.", "MissingEndParenthesisAfterStatement");
        return s;
    }

    private Stmt switchStatement(String label, int at) {
        boolean regex = false;
        boolean wildcard = false;
        boolean exact = false;
        boolean cs = false;
        boolean file = false;
        while (true) {
            skipAll();
            if (peek() != '-') {
                break;
            }
            pos++;
            String opt = identifier().toLowerCase(Locale.ROOT);
            if ("regex".startsWith(opt) && !opt.isEmpty()) {
                regex = true;
            } else if ("wildcard".startsWith(opt) && !opt.isEmpty()) {
                wildcard = true;
            } else if ("exact".startsWith(opt) && !opt.isEmpty()) {
                exact = true;
            } else if ("casesensitive".startsWith(opt) && !opt.isEmpty()) {
                cs = true;
            } else if ("file".startsWith(opt) && !opt.isEmpty()) {
                file = true;
            } else {
                throw error("Invalid switch statement option '-" + opt + "'.", "InvalidSwitchFlag", pos);
            }
        }
        Stmt subject;
        if (file) {
            subject = new Ast.Pipeline(List.of(new Ast.ExprElement(commandArgumentValue(), List.of())), pos);
        } else {
            subject = condition("switch");
        }
        skipAll();
        expect('{', "Missing opening '{' in switch statement.", "MissingCurlyBraceInSwitchStatement");
        List<Ast.SwitchClause> clauses = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (peek() == '}') {
                pos++;
                break;
            }
            if (atEnd()) {
                throw incomplete("Missing closing '}' in switch statement.", "MissingEndCurlyBrace");
            }
            Ast.Expr pattern;
            if (atKeyword("default")) {
                pos += 7;
                pattern = null;
            } else if (peek() == '{') {
                pos++;
                int open = pos - 1;
                pattern = new Ast.ScriptBlockExpr(scriptBlockBody(open), open);
            } else {
                pattern = commandArgumentValue();
            }
            clauses.add(new Ast.SwitchClause(pattern, block()));
        }
        return new Ast.Switch(label, regex, wildcard, exact, cs, file, subject, clauses, at);
    }
}
