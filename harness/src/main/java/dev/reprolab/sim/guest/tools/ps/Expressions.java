package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.ps.Ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Evaluates expressions and assignments (variables with scope qualifiers, $env:, members, indexes). */
final class Expressions {

    private final Evaluator ev;

    Expressions(Evaluator ev) {
        this.ev = ev;
    }

    private Session session() {
        return ev.session;
    }

    Object eval(Expr e, Scope scope) {
        if (e instanceof Ast.Const c) {
            return c.value();
        } else if (e instanceof Ast.Expandable x) {
            StringBuilder sb = new StringBuilder();
            for (Object part : x.parts()) {
                if (part instanceof String s) {
                    sb.append(s);
                } else {
                    Object v = eval((Expr) part, scope);
                    sb.append(expandString(v, scope));
                }
            }
            return sb.toString();
        } else if (e instanceof Ast.Var v) {
            return variable(v, scope);
        } else if (e instanceof Ast.ArrayLit a) {
            Object[] items = new Object[a.items().size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = eval(a.items().get(i), scope);
            }
            return items;
        } else if (e instanceof Ast.SubExpr s) {
            return PsConvert.collapse(ev.collect(s.body().statements(), scope));
        } else if (e instanceof Ast.ArraySub s) {
            return ev.collect(s.body().statements(), scope).toArray();
        } else if (e instanceof Ast.Paren p) {
            if (p.inner() instanceof Ast.Assign a) {
                return assign(a, scope);
            }
            return ev.value(p.inner(), scope);
        } else if (e instanceof Ast.HashLit h) {
            PsHashtable t = new PsHashtable();
            for (Ast.HashEntry en : h.entries()) {
                Object key = eval(en.key(), scope);
                if (t.containsKey(key)) {
                    throw new PsError("Duplicate keys '" + PsConvert.str(key) + "' are not allowed in hash literals.",
                            "ParserError: (:) [], ParentContainsErrorRecordException", "DuplicateKeyInHashLiteral").at(h.pos());
                }
                t.put(key, ev.value(en.value(), scope));
            }
            return t;
        } else if (e instanceof Ast.ScriptBlockExpr b) {
            return new PsScriptBlock(b.block());
        } else if (e instanceof Ast.TypeLit t) {
            return Types.resolve(t.name(), t.pos());
        } else if (e instanceof Ast.Cast c) {
            Object v = eval(c.operand(), scope);
            return Types.cast(c.type(), v, c.pos());
        } else if (e instanceof Ast.Binary b) {
            return binary(b, scope);
        } else if (e instanceof Ast.Unary u) {
            return unary(u, scope);
        } else if (e instanceof Ast.IncDec d) {
            Object old = eval(d.target(), scope);
            Object updated = Operators.arithmetic(d.increment() ? "+" : "-", old == null ? 0 : old, 1, d.pos());
            store(d.target(), updated, scope);
            return d.prefix() ? updated : old;
        } else if (e instanceof Ast.Member m) {
            Object target = eval(m.target(), scope);
            String name = PsConvert.str(eval(m.name(), scope));
            return Members.get(ev, target, name, m.isStatic(), m.pos());
        } else if (e instanceof Ast.Invoke inv) {
            Object target = eval(inv.target(), scope);
            String name = PsConvert.str(eval(inv.name(), scope));
            List<Object> args = new ArrayList<>();
            for (Expr a : inv.args()) {
                args.add(eval(a, scope));
            }
            return Members.invoke(ev, target, name, args, inv.isStatic(), inv.pos(), scope);
        } else if (e instanceof Ast.Index ix) {
            Object target = eval(ix.target(), scope);
            Object index = eval(ix.index(), scope);
            return Operators.index(target, index, session().strictMode, ix.pos());
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /** A value inside a double-quoted string: arrays joined by $OFS. */
    String expandString(Object v, Scope scope) {
        if (v instanceof PsDateTime d) {
            return DotNetFormat.date(d, "MM/dd/yyyy HH:mm:ss"); // strings expand with the invariant culture
        }
        if (v instanceof Object[] || v instanceof PsArrayList) {
            String ofs = scope.defined("OFS") ? PsConvert.str(scope.get("OFS")) : " ";
            StringBuilder sb = new StringBuilder();
            List<Object> items = PsConvert.items(v);
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : ofs).append(PsConvert.str(items.get(i)));
            }
            return sb.toString();
        }
        return PsConvert.str(v);
    }

    private Object binary(Ast.Binary b, Scope scope) {
        String op = b.op();
        if (op.equals("and") || op.equals("or")) {
            boolean l = PsConvert.truthy(eval(b.left(), scope));
            if (op.equals("and") ? !l : l) {
                return l;
            }
            return PsConvert.truthy(eval(b.right(), scope));
        }
        Object l = eval(b.left(), scope);
        Object r = eval(b.right(), scope);
        return Operators.binary(op, l, r, b.pos(), scope);
    }

    private Object unary(Ast.Unary u, Scope scope) {
        Object v = eval(u.operand(), scope);
        return switch (u.op()) {
            case "not" -> !PsConvert.truthy(v);
            case "," -> new Object[] {v};
            case "bnot" -> {
                Number n = PsConvert.toNumber(v, "System.Int32");
                yield n instanceof Long l ? (Object) ~l : (Object) ~n.intValue();
            }
            case "-" -> Operators.arithmetic("-", 0, v, u.pos());
            case "+" -> v instanceof String ? PsConvert.toNumber(v, "System.Int32") : v;
            case "split", "csplit", "isplit" -> Operators.binary("split", v, null, u.pos(), scope);
            case "join" -> Operators.binary("join", v, "", u.pos(), scope);
            default -> throw new IllegalStateException(u.op());
        };
    }

    Object variable(Ast.Var v, Scope scope) {
        String scopeName = v.scope() == null ? null : v.scope().toLowerCase(Locale.ROOT);
        String name = v.name();
        if (scopeName != null) {
            switch (scopeName) {
                case "env" -> {
                    return session().env.get(name);
                }
                case "global" -> {
                    return session().global.get(name);
                }
                case "script", "local", "private" -> {
                    return scope.get(name);
                }
                case "variable" -> {
                    return scope.get(name);
                }
                case "function" -> {
                    Scope.Function f = scope.function(name);
                    return f == null ? null : new PsScriptBlock(f.body());
                }
                default -> {
                    // ${c:\path} and $c:path read a file: rare in scripts; drive-qualified names fall through.
                    return ProviderPaths.readVariablePath(session(), v.scope() + ":" + name);
                }
            }
        }
        switch (name) {
            case "?" -> {
                return session().lastSuccess;
            }
            case "$", "^" -> {
                return scope.get(name);
            }
            default -> {
            }
        }
        if (name.equalsIgnoreCase("PWD")) {
            return PathInfo.of(session().location);
        }
        if (name.equalsIgnoreCase("PSItem")) {
            return scope.defined("PSItem") ? scope.get("PSItem") : null; // 3.0: $PSItem is just an unset variable
        }
        if (!scope.defined(name) && session().strictMode) {
            throw new PsError("The variable '$" + name + "' cannot be retrieved because it has not been set.",
                    "InvalidOperation: (" + name + ":Token) [], RuntimeException", "VariableIsUndefined").at(v.pos());
        }
        return scope.get(name);
    }

    /** Runs an assignment; returns the value assigned. */
    Object assign(Ast.Assign a, Scope scope) {
        Object value = ev.value(a.value(), scope);
        if (!a.op().equals("=")) {
            Object old = eval(a.target(), scope);
            value = Operators.binary(a.op().substring(0, 1), old, value, a.pos(), scope);
        }
        if (a.target() instanceof Ast.ArrayLit targets) {
            List<Object> items = PsConvert.isEnumerable(value) ? PsConvert.items(value) : List.of(value);
            int n = targets.items().size();
            for (int i = 0; i < n; i++) {
                Object v;
                if (i < n - 1) {
                    v = i < items.size() ? items.get(i) : null;
                } else {
                    List<Object> rest = items.size() > i ? items.subList(i, items.size()) : List.of();
                    v = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : rest.toArray();
                }
                store(targets.items().get(i), v, scope);
            }
            return value;
        }
        store(a.target(), value, scope);
        return value;
    }

    void store(Expr target, Object value, Scope scope) {
        if (target instanceof Ast.Var v) {
            setVariable(v, value, scope);
        } else if (target instanceof Ast.Cast c) {
            store(c.operand(), Types.cast(c.type(), value, c.pos()), scope);
        } else if (target instanceof Ast.Member m) {
            Object obj = eval(m.target(), scope);
            Members.set(ev, obj, PsConvert.str(eval(m.name(), scope)), value, m.pos());
        } else if (target instanceof Ast.Index ix) {
            Object obj = eval(ix.target(), scope);
            Object index = eval(ix.index(), scope);
            Operators.setIndex(obj, index, value, ix.pos());
        } else {
            throw new PsError("The assignment expression is not valid. The input to an assignment operator"
                + " must be an object that is able to accept assignments, such as a variable or a property.",
                "ParserError: (:) [], ParentContainsErrorRecordException", "InvalidLeftHandSide").at(target.pos());
        }
    }

    void setVariable(Ast.Var v, Object value, Scope scope) {
        String s = v.scope() == null ? "" : v.scope().toLowerCase(Locale.ROOT);
        switch (s) {
            case "env" -> {
                if (value == null || "".equals(value)) {
                    session().env.remove(v.name());
                } else {
                    session().env.put(v.name(), PsConvert.str(value));
                }
            }
            case "global", "script" -> session().global.setLocal(v.name(), value);
            default -> {
                if (v.name().equalsIgnoreCase("true") || v.name().equalsIgnoreCase("false") || v.name().equalsIgnoreCase("null")) {
                    if (v.name().equalsIgnoreCase("null")) {
                        return; // $null = x discards
                    }
                    throw new PsError("Cannot overwrite variable " + v.name().toLowerCase(Locale.ROOT)
                            + " because it is read-only or constant.", "WriteError: (" + v.name().toLowerCase(Locale.ROOT)
                            + ":String) [], SessionStateUnauthorizedAccessException", "VariableNotWritable").at(v.pos());
                }
                scope.set(v.name(), value);
            }
        }
    }
}
