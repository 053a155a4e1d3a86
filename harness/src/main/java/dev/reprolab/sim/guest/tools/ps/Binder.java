package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parameter binding. Functions: param() names (by unambiguous prefix), positions, defaults, typed conversion,
 * mandatory parameters (which fail as -NonInteractive does), the rest to $args. Cmdlets: their declared
 * parameters plus the common ones, with PowerShell 2.0's binding errors.
 */
final class Binder {

    private Binder() {
    }

    static final List<String> COMMON = List.of("Verbose", "Debug", "ErrorAction", "WarningAction", "ErrorVariable",
            "WarningVariable", "OutVariable", "OutBuffer");

    static boolean isSwitchParam(Ast.ScriptBlock sb, String name) {
        for (Ast.Param p : sb.params()) {
            if (p.name().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))) {
                return p.type() != null && p.type().toLowerCase(Locale.ROOT).endsWith("switch");
            }
        }
        return false;
    }

    /** Binds a function's or script's parameters into {@code scope}; returns what was bound ({@code $PSBoundParameters}). */
    static PsHashtable bind(Evaluator ev, Ast.ScriptBlock sb, Scope scope, List<Object> positional, Map<String, Object> named,
                     List<Object> input) {
        PsHashtable bound = new PsHashtable();
        List<Object> rest = new ArrayList<>(positional);
        Map<String, Object> unbound = new LinkedHashMap<>(named);
        for (Ast.Param p : sb.params()) {
            Object value = null;
            boolean set = false;
            String key = null;
            for (String given : unbound.keySet()) {
                if (p.name().toLowerCase(Locale.ROOT).startsWith(given)) {
                    key = given;
                    break;
                }
            }
            if (key != null) {
                value = unbound.remove(key);
                set = true;
            }
            if (!set && !(p.type() != null && p.type().toLowerCase(Locale.ROOT).endsWith("switch")) && !rest.isEmpty()
                    && !p.fromPipeline()) {
                value = rest.remove(0);
                set = true;
            }
            if (!set && p.fromPipeline() && input != null && !input.isEmpty()) {
                value = input.size() == 1 ? input.get(0) : input.get(0);
                set = true;
            }
            if (!set && p.mandatory()) {
                throw new PsError("Cannot process command because of one or more missing mandatory parameters: " + p.name() + ".",
                        "InvalidArgument: (:) [], ParameterBindingException", "MissingMandatoryParameter")
                        .type("System.Management.Automation.ParameterBindingException");
            }
            if (!set) {
                value = p.defaultValue() == null ? (p.type() != null && p.type().toLowerCase(Locale.ROOT).endsWith("switch") ? false : null)
                        : ev.expr.eval(p.defaultValue(), scope);
            }
            if (p.type() != null && (set || value != null)) {
                value = Types.cast(p.type(), value, -1);
            }
            scope.setLocal(p.name(), value);
            if (set) {
                bound.put(p.name(), value);
            }
        }
        if (!sb.params().isEmpty() && !unbound.isEmpty() && sb.cmdletBinding()) {
            String n = unbound.keySet().iterator().next();
            throw new PsError("A parameter cannot be found that matches parameter name '" + n + "'.",
                    "InvalidArgument: (:) [], ParameterBindingException", "NamedParameterNotFound")
                    .type("System.Management.Automation.ParameterBindingException");
        }
        for (Map.Entry<String, Object> e : unbound.entrySet()) {
            rest.add("-" + e.getKey());
            if (!(e.getValue() instanceof Boolean b && b)) {
                rest.add(e.getValue());
            }
        }
        scope.setLocal("args", rest.toArray());
        return bound;
    }

    /** Binds a cmdlet's arguments; throws PowerShell 2.0's ParameterBindingException texts. */
    static CmdletCall bindCmdlet(Evaluator ev, Cmdlets.Def def, List<Commands.Arg> args, List<Object> input, Scope scope,
                                 Consumer<Object> out, int nameEnd) {
        Map<String, Object> bound = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Commands.Arg a = args.get(i);
            if (a.name() == null) {
                positional.add(a.value());
                continue;
            }
            Cmdlets.Param p = match(def, a.name(), a.pos());
            String pname = p == null ? common(a.name(), def, a.pos()) : p.name();
            boolean isSwitch = p == null ? List.of("Verbose", "Debug").contains(pname) : p.isSwitch();
            Object value;
            if (a.hasValue()) {
                value = a.value();
            } else if (isSwitch) {
                value = Boolean.TRUE;
            } else if (i + 1 < args.size() && args.get(i + 1).name() == null) {
                value = args.get(++i).value();
            } else {
                String type = p == null ? "System.String" : p.typeName();
                throw new PsError(def.name() + " : Missing an argument for parameter '" + pname + "'. Specify a parameter of type '"
                        + type + "' and try again.", "InvalidArgument: (:) [" + def.name() + "], ParameterBindingException",
                        "MissingArgument," + def.commandClass()).type("System.Management.Automation.ParameterBindingException")
                        .at(a.pos());
            }
            if (bound.containsKey(pname)) {
                throw new PsError(def.name() + " : Cannot bind parameter because parameter '" + pname + "' is specified more than once."
                        + " To provide multiple values to parameters that can accept multiple values, use the array syntax. For"
                        + " example, \"-parameter value1,value2,value3\".", "InvalidArgument: (:) [" + def.name()
                        + "], ParameterBindingException", "ParameterAlreadyBound," + def.commandClass()).at(a.pos());
            }
            bound.put(pname, value);
        }
        List<Cmdlets.Param> byPosition = new ArrayList<>();
        for (Cmdlets.Param p : def.params()) {
            if (p.position() >= 0) {
                byPosition.add(p);
            }
        }
        byPosition.sort((x, y) -> Integer.compare(x.position(), y.position()));
        int k = 0;
        for (Object v : positional) {
            while (k < byPosition.size() && bound.containsKey(byPosition.get(k).name())) {
                k++;
            }
            if (k >= byPosition.size()) {
                if (def.takesRemaining()) {
                    @SuppressWarnings("unchecked")
                    List<Object> remaining = (List<Object>) bound.computeIfAbsent("__remaining", x -> new ArrayList<>());
                    remaining.add(v);
                    continue;
                }
                throw new PsError(def.name() + " : A positional parameter cannot be found that accepts argument '"
                        + PsConvert.str(v) + "'.", "InvalidArgument: (:) [" + def.name() + "], ParameterBindingException",
                        "PositionalParameterNotFound," + def.commandClass()).type("System.Management.Automation.ParameterBindingException")
                        .at(nameEnd);
            }
            bound.put(byPosition.get(k++).name(), v);
        }
        CmdletCall call = new CmdletCall(ev, def, bound, input, scope, out, nameEnd);
        Object ea = bound.get("ErrorAction");
        if (ea != null) {
            try {
                call.errorAction = EnumTypes.parse("System.Management.Automation.ActionPreference", ea).name().toLowerCase(Locale.ROOT);
            } catch (PsError e) {
                int at = nameEnd;
                for (Commands.Arg a : args) {
                    if (a.name() != null && "erroraction".startsWith(a.name().toLowerCase(Locale.ROOT)) || "ea".equalsIgnoreCase(a.name())) {
                        at = a.pos();
                    }
                }
                throw new PsError(def.name() + " : Cannot bind parameter 'ErrorAction'. " + e.getMessage(), "InvalidArgument: (:) ["
                        + def.name() + "], ParameterBindingException", "CannotConvertArgumentNoMessage," + def.commandClass())
                        .type("System.Management.Automation.ParameterBindingException").at(at);
            }
        }
        return call;
    }

    private static Cmdlets.Param match(Cmdlets.Def def, String given, int pos) {
        String g = given.toLowerCase(Locale.ROOT);
        List<Cmdlets.Param> hits = new ArrayList<>();
        for (Cmdlets.Param p : def.params()) {
            if (p.name().equalsIgnoreCase(g) || p.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(g))) {
                return p;
            }
            if (p.name().toLowerCase(Locale.ROOT).startsWith(g)) {
                hits.add(p);
            }
        }
        for (String c : COMMON) {
            if (c.equalsIgnoreCase(g) || (g.equals("ea") && c.equals("ErrorAction")) || (g.equals("ev") && c.equals("ErrorVariable"))) {
                return null;
            }
        }
        if (hits.size() > 1) {
            StringBuilder names = new StringBuilder();
            for (Cmdlets.Param p : hits) {
                names.append(names.length() == 0 ? "" : " ").append('-').append(p.name());
            }
            throw new PsError(def.name() + " : Parameter cannot be processed because the parameter name '" + given + "' is ambiguous."
                    + " Possible matches include: " + names + ".", "InvalidArgument: (:) [" + def.name() + "], ParameterBindingException",
                    "AmbiguousParameter," + def.commandClass()).at(pos);
        }
        return hits.isEmpty() ? null : hits.get(0);
    }

    private static String common(String given, Cmdlets.Def def, int pos) {
        String g = given.toLowerCase(Locale.ROOT);
        if (g.equals("ea")) {
            return "ErrorAction";
        }
        if (g.equals("ev")) {
            return "ErrorVariable";
        }
        for (String c : COMMON) {
            if (c.toLowerCase(Locale.ROOT).startsWith(g)) {
                return c;
            }
        }
        if (def.supportsShouldProcess() && ("whatif".startsWith(g) || "confirm".startsWith(g))) {
            return "whatif".startsWith(g) ? "WhatIf" : "Confirm";
        }
        throw new PsError(def.name() + " : A parameter cannot be found that matches parameter name '" + given + "'.",
                "InvalidArgument: (:) [" + def.name() + "], ParameterBindingException",
                "NamedParameterNotFound," + def.commandClass()).type("System.Management.Automation.ParameterBindingException").at(pos);
    }
}
