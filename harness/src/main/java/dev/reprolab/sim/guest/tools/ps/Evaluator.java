package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.ps.Ast.Block;
import dev.reprolab.sim.guest.tools.ps.Ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs statements: loops with labels, break/continue/return/exit, switch, try/catch/finally and trap, and the
 * rule for errors PowerShell applies — a terminating error ends its statement (reported, then the next
 * statement runs) unless a try or trap takes it, and {@code throw} ends the whole script.
 */
final class Evaluator {

    final Session session;
    final Expressions expr;
    final Commands commands;
    /** How many try blocks enclose the running code (errors then go to the catch, not to the error stream). */
    int tryDepth;

    Evaluator(Session session) {
        this.session = session;
        this.expr = new Expressions(this);
        this.commands = new Commands(this);
    }

    void checkStopped() {
        if (Thread.currentThread().isInterrupted()) {
            throw new PsInterpreter.Stopped();
        }
    }

    /** Runs a statement list; output to {@code out}. */
    void exec(List<Stmt> stmts, Scope scope, Consumer<Object> out) {
        for (Stmt s : stmts) {
            checkStopped();
            try {
                execStmt(s, scope, out);
            } catch (PsError e) {
                if (e.source == null) {
                    e.source = session.source;
                }
                Ast.Trap trap = findTrap(scope, e);
                if (trap != null) {
                    if (runTrap(trap, e, scope, out)) {
                        continue;
                    }
                    throw e;
                }
                if (tryDepth > 0 || e.thrown) {
                    throw e;
                }
                if (session.errorAction(scope).equals("stop")) {
                    // under $ErrorActionPreference = 'Stop' a statement-terminating error (a command not found, a
                    // failed conversion) ends the whole script, not only its statement
                    e.thrown = true;
                    throw e;
                }
                session.reportError(e, out);
                session.lastSuccess = false;
            }
        }
    }

    private Ast.Trap findTrap(Scope scope, PsError e) {
        for (Scope s = scope; s != null; s = s.parent) {
            for (Ast.Trap t : s.traps) {
                if (t.type() == null || Types.exceptionMatches(t.type(), e.exceptionType)) {
                    return t;
                }
            }
            if (!s.traps.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /** Runs a trap body; true when execution goes on after the failing statement. */
    private boolean runTrap(Ast.Trap trap, PsError e, Scope scope, Consumer<Object> out) {
        Scope ts = new Scope(scope);
        ts.setLocal("_", new PsErrorRecord(e));
        List<Ast.Trap> saved = scope.traps;
        scope.traps = List.of();
        try {
            exec(trap.body().statements(), ts, out);
        } catch (Flow.Continue c) {
            return true;
        } catch (Flow.Break b) {
            session.reportError(e, out);
            return false;
        } finally {
            scope.traps = saved;
        }
        session.reportError(e, out);
        return true;
    }

    void execStmt(Stmt s, Scope scope, Consumer<Object> out) {
        if (s instanceof Ast.Pipeline p) {
            commands.runPipeline(p, scope, out);
        } else if (s instanceof Ast.Assign a) {
            expr.assign(a, scope);
        } else if (s instanceof Ast.Block b) {
            exec(b.statements(), scope, out);
        } else if (s instanceof Ast.If i) {
            for (Ast.Clause c : i.clauses()) {
                if (PsConvert.truthy(value(c.condition(), scope))) {
                    exec(c.body().statements(), scope, out);
                    return;
                }
            }
            if (i.otherwise() != null) {
                exec(i.otherwise().statements(), scope, out);
            }
        } else if (s instanceof Ast.While w) {
            while (PsConvert.truthy(value(w.condition(), scope))) {
                checkStopped();
                if (loopBody(w.label(), w.body(), scope, out)) {
                    return;
                }
            }
        } else if (s instanceof Ast.DoLoop d) {
            do {
                checkStopped();
                if (loopBody(d.label(), d.body(), scope, out)) {
                    return;
                }
            } while (PsConvert.truthy(value(d.condition(), scope)) != d.until());
        } else if (s instanceof Ast.For f) {
            if (f.init() != null) {
                execDiscard(f.init(), scope);
            }
            while (f.condition() == null || PsConvert.truthy(value(f.condition(), scope))) {
                checkStopped();
                if (loopBody(f.label(), f.body(), scope, out)) {
                    return;
                }
                if (f.step() != null) {
                    execDiscard(f.step(), scope);
                }
            }
        } else if (s instanceof Ast.Foreach f) {
            Object coll = value(f.collection(), scope);
            List<Object> items = PsConvert.isEnumerable(coll) ? PsConvert.items(coll)
                    : coll == null ? List.of() : List.of(coll);
            for (Object item : items) {
                checkStopped();
                scope.set(f.variable(), item);
                if (loopBody(f.label(), f.body(), scope, out)) {
                    return;
                }
            }
        } else if (s instanceof Ast.Switch sw) {
            SwitchRunner.run(this, sw, scope, out);
        } else if (s instanceof Ast.FunctionDef fd) {
            scope.defineFunction(fd.name(), fd.filter(), fd.body());
        } else if (s instanceof Ast.Try t) {
            runTry(t, scope, out);
        } else if (s instanceof Ast.Trap t) {
            List<Ast.Trap> traps = new ArrayList<>(scope.traps);
            traps.add(t);
            scope.traps = traps;
        } else if (s instanceof Ast.Flow f) {
            flow(f, scope, out);
        }
    }

    /** Runs one loop iteration; true when the loop must end (break for this loop). */
    boolean loopBody(String label, Block body, Scope scope, Consumer<Object> out) {
        try {
            exec(body.statements(), scope, out);
        } catch (Flow.Break b) {
            if (b.matches(label)) {
                return true;
            }
            throw b;
        } catch (Flow.Continue c) {
            if (!c.matches(label)) {
                throw c;
            }
        }
        return false;
    }

    private void flow(Ast.Flow f, Scope scope, Consumer<Object> out) {
        switch (f.kind()) {
            case "break" -> throw new Flow.Break(f.label());
            case "continue" -> throw new Flow.Continue(f.label());
            case "return" -> {
                if (f.value() != null) {
                    execStmt(f.value(), scope, out);
                }
                throw new Flow.Return();
            }
            case "exit" -> {
                int code = 0;
                if (f.value() != null) {
                    Object v = value(f.value(), scope);
                    try {
                        code = PsConvert.toInt(v);
                    } catch (PsError e) {
                        code = 0;
                    }
                }
                throw new Flow.Exit(code);
            }
            default -> {
                Object v = f.value() == null ? null : value(f.value(), scope);
                throw Types.thrownError(v, f.pos() + 5);
            }
        }
    }

    private void runTry(Ast.Try t, Scope scope, Consumer<Object> out) {
        try {
            tryDepth++;
            try {
                exec(t.body().statements(), scope, out);
            } finally {
                tryDepth--;
            }
        } catch (PsError e) {
            if (e.source == null) {
                e.source = session.source;
            }
            for (Ast.Catch c : t.catches()) {
                boolean match = c.types().isEmpty();
                for (String type : c.types()) {
                    match |= Types.exceptionMatches(type, e.exceptionType);
                }
                if (match) {
                    Object savedUnder = scope.get("_");
                    scope.setLocal("_", new PsErrorRecord(e));
                    try {
                        exec(c.body().statements(), scope, out);
                    } finally {
                        scope.setLocal("_", savedUnder);
                        if (t.fin() != null) {
                            exec(t.fin().statements(), scope, out);
                        }
                    }
                    return;
                }
            }
            if (t.fin() != null) {
                exec(t.fin().statements(), scope, out);
            }
            throw e;
        } catch (RuntimeException e) {
            if (t.fin() != null && !(e instanceof PsInterpreter.Stopped)) {
                exec(t.fin().statements(), scope, out);
            }
            throw e;
        }
        if (t.fin() != null) {
            exec(t.fin().statements(), scope, out);
        }
    }

    /** The value of a statement used as an expression: its output collapsed (one item → itself). */
    Object value(Stmt s, Scope scope) {
        if (s instanceof Ast.Pipeline p && p.elements().size() == 1 && p.elements().get(0) instanceof Ast.ExprElement e
                && e.redirects().isEmpty()) {
            Object v = expr.eval(e.expr(), scope);
            return v;
        }
        return PsConvert.collapse(collect(s, scope));
    }

    List<Object> collect(Stmt s, Scope scope) {
        List<Object> out = new ArrayList<>();
        execStmt(s, scope, out::add);
        return out;
    }

    List<Object> collect(List<Stmt> stmts, Scope scope) {
        List<Object> out = new ArrayList<>();
        exec(stmts, scope, out::add);
        return out;
    }

    private void execDiscard(Stmt s, Scope scope) {
        execStmt(s, scope, o -> { });
    }

    /**
     * Invokes a script block (function, filter, {@code & { }}, ForEach-Object body): binds parameters, runs
     * begin once, process per input item with {@code $_} set, end with {@code $input}; {@code dot} runs it in
     * the caller's scope.
     */
    void invoke(Ast.ScriptBlock sb, Scope caller, boolean dot, List<Object> positional, java.util.Map<String, Object> named,
                List<Object> input, boolean filter, Consumer<Object> out) {
        Scope scope = dot ? caller : new Scope(caller);
        List<Ast.Trap> savedTraps = scope.traps;
        if (!sb.traps().isEmpty()) {
            scope.traps = sb.traps();
        }
        // the caller's description of this invocation (a script, a function), taken before defaults run other code
        java.util.function.Function<PsHashtable, PsObject> described = session.nextInvocation;
        session.nextInvocation = null;
        try {
            PsHashtable bound = Binder.bind(this, sb, scope, positional, named, input);
            if (!dot) {
                scope.setLocal("MyInvocation", described != null ? described.apply(bound) : Invocation.block(sb, bound, session.scriptPath));
                scope.setLocal("PSBoundParameters", bound);
            }
            if (sb.begin() != null) {
                execBlock(sb.begin(), scope, out);
            }
            Block process = sb.process() != null ? sb.process() : filter ? sb.end() : null;
            if (process != null) {
                List<Object> items = input == null ? java.util.Collections.singletonList(null) : input;
                for (Object item : items) {
                    scope.setLocal("_", item);
                    execBlock(process, scope, out);
                }
            }
            if (!filter && sb.end() != null) {
                scope.setLocal("input", input == null ? new Object[0] : input.toArray());
                execBlock(sb.end(), scope, out);
            }
        } finally {
            if (dot) {
                scope.traps = savedTraps;
            }
        }
    }

    private void execBlock(Block b, Scope scope, Consumer<Object> out) {
        try {
            exec(b.statements(), scope, out);
        } catch (Flow.Return r) {
            // return ends the block
        }
    }
}
