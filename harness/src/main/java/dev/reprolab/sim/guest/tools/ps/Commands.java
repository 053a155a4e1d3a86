package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pipelines and command invocation: each element gets the previous one's output, the last writes to the
 * statement's output. A command name resolves as PowerShell does — alias, function, cmdlet, then an external
 * program or script file, else "is not recognized".
 */
final class Commands {

    private final Evaluator ev;

    Commands(Evaluator ev) {
        this.ev = ev;
    }

    /** An evaluated command argument. */
    record Arg(String name, Object value, boolean hasValue, int pos, boolean splatted) {
    }

    private boolean errorsDuring(int before) {
        return ev.session.errorCount > before;
    }

    void runPipeline(Ast.Pipeline p, Scope scope, Consumer<Object> out) {
        int before = ev.session.errorCount;
        List<Object> input = null;
        boolean ok = true;
        for (int i = 0; i < p.elements().size(); i++) {
            boolean last = i == p.elements().size() - 1;
            List<Object> collected = last ? null : new ArrayList<>();
            Consumer<Object> sink = last ? out : collected::add;
            Ast.Element el = p.elements().get(i);
            List<Ast.Redirect> redirects = el instanceof Ast.Command c ? c.redirects() : ((Ast.ExprElement) el).redirects();
            Redirection r = Redirection.open(ev, redirects, scope, sink);
            try {
                if (el instanceof Ast.ExprElement e) {
                    Object v = ev.expr.eval(e.expr(), scope);
                    // $i++ as a statement outputs nothing; ($i++) does.
                    if (!(e.expr() instanceof Ast.IncDec && p.elements().size() == 1)) {
                        emit(v, r.output());
                    }
                } else {
                    ok &= invoke((Ast.Command) el, scope, input, r.output());
                }
            } finally {
                r.close();
            }
            input = collected;
        }
        // $? is read during the pipeline (the previous statement's), set after it
        ev.session.lastSuccess = ok && !errorsDuring(before);
    }

    /** Writes a value to the pipeline, enumerating arrays and lists (not hashtables or strings). */
    static void emit(Object v, Consumer<Object> out) {
        if (v == PsConvert.VOID) {
            return;
        }
        if (PsConvert.isEnumerable(v)) {
            for (Object item : PsConvert.items(v)) {
                out.accept(v instanceof byte[] ? (Object) (byte) (int) (Integer) item : item);
            }
        } else if (v != null) {
            out.accept(v);
        }
    }

    List<Arg> evaluateArgs(List<Ast.CommandArg> args, Scope scope) {
        List<Arg> out = new ArrayList<>();
        for (Ast.CommandArg a : args) {
            if (a.value() instanceof Ast.Var v && v.splat()) {
                Object s = ev.expr.eval(new Ast.Var(v.scope(), v.name(), false, v.pos()), scope);
                if (s instanceof PsHashtable h) {
                    for (Object k : h.keys()) {
                        out.add(new Arg(PsConvert.str(k), h.get(k), true, a.pos(), true));
                    }
                } else {
                    for (Object item : PsConvert.items(s)) {
                        out.add(new Arg(null, item, true, a.pos(), true));
                    }
                }
                continue;
            }
            Object value = a.value() == null ? null : ev.expr.eval(a.value(), scope);
            out.add(new Arg(a.name(), value, a.value() != null, a.pos() + (a.name() == null ? 0 : a.name().length() + 1), false));
        }
        return out;
    }

    /** Runs one command; false when it failed ($? false). */
    boolean invoke(Ast.Command cmd, Scope scope, List<Object> input, Consumer<Object> out) {
        Object target = ev.expr.eval(cmd.name(), scope);
        boolean dot = cmd.invocation() == '.';
        List<Arg> args = evaluateArgs(cmd.args(), scope);
        if (target instanceof PsScriptBlock sb) {
            callBlock(sb.block(), scope, dot, args, input, false, out);
            return true;
        }
        String name = PsConvert.str(target);
        String resolved = ev.session.cmdlets.alias(name, scope);
        Scope.Function f = scope.function(resolved);
        if (f != null) {
            String from = ev.session.scriptPath;
            ev.session.nextInvocation = bound -> Invocation.function(f.name(), f.body(), bound, from);
            callBlock(f.body(), scope, dot, args, input, f.filter(), out);
            return true;
        }
        Cmdlets.Def def = ev.session.cmdlets.find(resolved, ev.session);
        if (def != null) {
            CmdletCall call = Binder.bindCmdlet(ev, def, args, input, scope, out, cmd.nameEnd());
            try {
                def.body().run(call);
            } catch (NetException e) {
                throw new PsError(def.name() + " : " + e.getMessage(), "NotSpecified: (:) [" + def.name() + "], "
                        + e.type.substring(e.type.lastIndexOf('.') + 1), "System." + e.type.substring(e.type.lastIndexOf('.') + 1)
                        + "," + def.commandClass()).at(cmd.nameEnd());
            } catch (PsFileStream.DotNetException e) {
                throw new PsError(def.name() + " : " + e.getMessage(), "NotSpecified: (:) [" + def.name() + "], IOException",
                        "System.IO.IOException," + def.commandClass()).at(cmd.nameEnd());
            } catch (PsError e) {
                throw e.at(cmd.nameEnd());
            }
            return !call.failed;
        }
        return External.run(ev, name, cmd, args, scope, input, out);
    }

    private void callBlock(Ast.ScriptBlock sb, Scope scope, boolean dot, List<Arg> args, List<Object> input, boolean filter,
                           Consumer<Object> out) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        pairArgs(sb, args, positional, named);
        ev.invoke(sb, scope, dot, positional, named, input, filter, out);
    }

    /**
     * Splits a function's or script's arguments into positional ones and {@code -Name value} pairs: a name takes the
     * next argument as its value unless it names a switch parameter of {@code sb} or nothing follows it.
     */
    static void pairArgs(Ast.ScriptBlock sb, List<Arg> args, List<Object> positional, Map<String, Object> named) {
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (a.name() == null) {
                positional.add(a.value());
            } else if (a.hasValue()) {
                named.put(a.name().toLowerCase(Locale.ROOT), a.value());
            } else if (Binder.isSwitchParam(sb, a.name()) || i + 1 >= args.size() || args.get(i + 1).name() != null) {
                named.put(a.name().toLowerCase(Locale.ROOT), Boolean.TRUE);
            } else {
                named.put(a.name().toLowerCase(Locale.ROOT), args.get(++i).value());
            }
        }
    }

    /** Runs a script block for a cmdlet (Where-Object, ForEach-Object, a script property) with $_ set. */
    Object callScriptBlock(PsScriptBlock sb, Scope scope, List<Object> args, Object dollarUnder) {
        List<Object> out = new ArrayList<>();
        Scope s = new Scope(scope);
        s.setLocal("_", dollarUnder);
        s.setLocal("this", dollarUnder);
        ev.invoke(sb.block(), s, true, args, Map.of(), null, false, out::add);
        return PsConvert.collapse(out);
    }

    /**
     * Runs a script block in the caller's scope with $_ = item, writing to out: ForEach-Object and Where-Object
     * blocks see and change the caller's variables.
     */
    void runWithItem(PsScriptBlock sb, Scope scope, Object item, Consumer<Object> out) {
        Object saved = scope.get("_");
        boolean had = scope.localVariables().containsKey("_");
        scope.setLocal("_", item);
        try {
            Ast.Block body = sb.block().process() != null ? sb.block().process() : sb.block().end();
            if (body != null) {
                ev.exec(body.statements(), scope, out);
            }
        } catch (Flow.Return r) {
            // return leaves the block for this item
        } finally {
            if (had) {
                scope.setLocal("_", saved);
            } else {
                scope.removeLocal("_");
            }
        }
    }
}
