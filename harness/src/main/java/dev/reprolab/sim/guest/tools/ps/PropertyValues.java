package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;

/** A property selector as Select/Sort/Group/Format take it: a name, a script block, or @{Name=..; Expression=..}. */
final class PropertyValues {

    private PropertyValues() {
    }

    static Object get(CmdletCall c, Object o, Object spec) {
        if (spec instanceof PsScriptBlock sb) {
            List<Object> out = new ArrayList<>();
            c.ev.commands.runWithItem(sb, c.scope, o, out::add);
            return PsConvert.collapse(out);
        }
        if (spec instanceof PsHashtable h) {
            Object e = expression(h);
            return get(c, o, e);
        }
        Object v = Members.instanceProperty(c.ev, o, PsConvert.str(spec));
        return v == DotNetObject.NONE ? null : v;
    }

    static Object expression(PsHashtable h) {
        for (Object k : h.keys()) {
            String key = PsConvert.str(k).toLowerCase(java.util.Locale.ROOT);
            if ("expression".startsWith(key)) {
                return h.get(k);
            }
        }
        return null;
    }

    /** The column name of a calculated property: Name or Label, else the expression's text. */
    static String label(Object spec) {
        if (spec instanceof PsHashtable h) {
            for (Object k : h.keys()) {
                String key = PsConvert.str(k).toLowerCase(java.util.Locale.ROOT);
                if (key.equals("n") || key.equals("name") || key.equals("l") || key.equals("label")) {
                    return PsConvert.str(h.get(k));
                }
            }
            return PsConvert.str(expression(h));
        }
        return PsConvert.str(spec);
    }

    /** Property names matching a Select-Object name pattern (wildcards), in the object's order. */
    static List<String> matching(Object o, String pattern) {
        List<String> out = new ArrayList<>();
        if (!Wildcard.hasWildcard(pattern)) {
            out.add(pattern);
            return out;
        }
        List<String> names = o instanceof PsObject p ? p.names() : Views.properties(o);
        for (String n : names) {
            if (Wildcard.matches(pattern, n, true)) {
                out.add(n);
            }
        }
        return out;
    }
}
