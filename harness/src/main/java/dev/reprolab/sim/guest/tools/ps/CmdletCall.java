package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** One invocation of a cmdlet: its bound parameters, pipeline input, output, and non-terminating error reporting. */
final class CmdletCall {

    final Evaluator ev;
    final Session session;
    final Cmdlets.Def def;
    final Map<String, Object> bound;
    /** The pipeline input, or null when the cmdlet is first in its pipeline. */
    final List<Object> input;
    final Scope scope;
    private final Consumer<Object> out;
    final int pos;
    String errorAction;
    boolean failed;

    CmdletCall(Evaluator ev, Cmdlets.Def def, Map<String, Object> bound, List<Object> input, Scope scope, Consumer<Object> out, int pos) {
        this.ev = ev;
        this.session = ev.session;
        this.def = def;
        this.bound = bound;
        this.input = input;
        this.scope = scope;
        this.out = out;
        this.pos = pos;
    }

    boolean has(String name) {
        return bound.containsKey(name);
    }

    Object get(String name) {
        return bound.get(name);
    }

    boolean sw(String name) {
        return bound.containsKey(name) && PsConvert.truthy(bound.get(name));
    }

    String str(String name) {
        Object v = bound.get(name);
        return v == null ? null : PsConvert.str(v);
    }

    /** A parameter's values as a list (a string[] parameter given one value or several). */
    List<Object> list(String name) {
        Object v = bound.get(name);
        if (v == null) {
            return List.of();
        }
        return PsConvert.isEnumerable(v) ? PsConvert.items(v) : List.of(v);
    }

    @SuppressWarnings("unchecked")
    List<Object> remaining() {
        Object v = bound.get("__remaining");
        return v == null ? List.of() : (List<Object>) v;
    }

    /** The objects to process: the named parameter's values, else the pipeline input. */
    List<Object> inputOr(String param) {
        if (bound.containsKey(param)) {
            return list(param);
        }
        return input == null ? List.of() : input;
    }

    void out(Object o) {
        if (o != null && o != PsConvert.VOID) {
            out.accept(o);
        }
    }

    void outAll(Object o) {
        Commands.emit(o, out);
    }

    /** A provider path resolved against the current location. */
    String path(Object p) {
        String s = PsConvert.str(p);
        if (s.regionMatches(true, 0, "Microsoft.PowerShell.Core\\FileSystem::", 0, 38)) {
            s = s.substring(38);
        }
        if (s.regionMatches(true, 0, "FileSystem::", 0, 12)) {
            s = s.substring(12);
        }
        if (s.startsWith("~")) {
            s = PsConvert.str(session.global.get("HOME")) + s.substring(1);
        }
        return WinPath.resolve(session.location, s);
    }

    /** A non-terminating error: written (or stopped on) according to -ErrorAction / $ErrorActionPreference. */
    void error(PsError e) {
        failed = true;
        e.at(pos);
        String action = errorAction != null ? errorAction : session.errorAction(scope);
        Object ev = bound.get("ErrorVariable");
        if (ev != null) {
            String name = PsConvert.str(ev);
            boolean append = name.startsWith("+");
            PsArrayList list = append && scope.get(name.substring(1)) instanceof PsArrayList l ? l : new PsArrayList();
            list.add(new PsErrorRecord(e));
            scope.set(append ? name.substring(1) : name, list);
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "stop" -> {
                PsError stop = new PsError("Command execution stopped because the preference variable \"ErrorActionPreference\" or"
                        + " common parameter is set to Stop: " + e.getMessage(), e.category(), e.errorId()).type(e.exceptionType).at(pos);
                stop.prefix = e.prefix;
                stop.thrown = true; // Stop promotes the error to one that ends the script, as throw does
                if (e.source != null) {
                    stop.source = e.source;
                }
                throw stop;
            }
            case "silentlycontinue" -> {
                session.errors.add(0, new PsErrorRecord(e));
                session.errorCount++;
            }
            default -> session.reportError(e, null);
        }
    }

    /** Errors carry the cmdlet's name as PowerShell prefixes them ("Get-Item : ..."). */
    PsError err(String message, String category, String id) {
        return new PsError(def.name() + " : " + message, category, id + "," + def.commandClass());
    }

    List<Object> collectInputStrings() {
        List<Object> out = new ArrayList<>();
        for (Object o : input == null ? List.of() : input) {
            out.add(PsConvert.str(o));
        }
        return out;
    }
}
