package dev.reprolab.sim.guest.tools.ps;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A PowerShell scope: variables and functions, looked up through the parents (dynamic scoping, as PowerShell
 * does), written in the current scope unless a {@code global:}/{@code script:} qualifier says otherwise.
 */
final class Scope {

    final Scope parent;
    private final Map<String, Object[]> vars = new HashMap<>();
    final Map<String, Function> functions = new HashMap<>();
    /** A function's or script block's {@code trap} handlers. */
    java.util.List<Ast.Trap> traps = java.util.List.of();

    /** A function or filter defined in a scope. */
    record Function(String name, boolean filter, Ast.ScriptBlock body) {
    }

    Scope(Scope parent) {
        this.parent = parent;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whether the variable exists here or in a parent. */
    boolean defined(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.vars.containsKey(key(name))) {
                return true;
            }
        }
        return false;
    }

    Object get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Object[] v = s.vars.get(key(name));
            if (v != null) {
                return v[1];
            }
        }
        return null;
    }

    /** The variable's name as first set (for Get-Variable). */
    String nameOf(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Object[] v = s.vars.get(key(name));
            if (v != null) {
                return (String) v[0];
            }
        }
        return name;
    }

    void setLocal(String name, Object value) {
        Object[] v = vars.get(key(name));
        if (v != null) {
            v[1] = value;
        } else {
            vars.put(key(name), new Object[] {name, value});
        }
    }

    /** Assignment without a qualifier: an existing AllScope-like automatic or a new local. */
    void set(String name, Object value) {
        setLocal(name, value);
    }

    boolean removeLocal(String name) {
        return vars.remove(key(name)) != null;
    }

    /** Removes the nearest definition. */
    boolean remove(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.vars.remove(key(name)) != null) {
                return true;
            }
        }
        return false;
    }

    Map<String, Object[]> localVariables() {
        return vars;
    }

    Function function(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Function f = s.functions.get(key(name));
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    void defineFunction(String name, boolean filter, Ast.ScriptBlock body) {
        functions.put(key(name), new Function(name, filter, body));
    }

    Scope global() {
        Scope s = this;
        while (s.parent != null) {
            s = s.parent;
        }
        return s;
    }
}
