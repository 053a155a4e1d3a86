package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where-Object, ForEach-Object, Sort-Object, Group-Object, Measure-Object, Compare-Object, Tee-Object, Out-Null. */
final class PipelineCmdlets {

    private PipelineCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Where-Object", "FilterScript@0,InputObject", PipelineCmdlets::where);
        c.add("ForEach-Object", "Process@0,Begin,End,InputObject,~", PipelineCmdlets::forEach);
        c.add("Sort-Object", "Property@0,Descending!,Unique!,CaseSensitive!,InputObject,Culture", PipelineCmdlets::sort);
        c.add("Group-Object", "Property@0,NoElement!,AsHashTable!,AsString!,CaseSensitive!,InputObject,Culture", PipelineCmdlets::group);
        c.add("Measure-Object", "Property@0,Sum!,Average!,Maximum!,Minimum!,Line!,Word!,Character!,IgnoreWhiteSpace!,InputObject",
                PipelineCmdlets::measure);
        c.add("Compare-Object", "ReferenceObject@0,DifferenceObject@1,SyncWindow,Property,ExcludeDifferent!,IncludeEqual!,PassThru!,"
                + "CaseSensitive!,Culture", PipelineCmdlets::compare);
        c.add("Tee-Object", "FilePath@0,Variable,InputObject", PipelineCmdlets::tee);
        c.add("Out-Null", "InputObject", x -> { });
        c.add("Get-Unique", "InputObject,AsString!", x -> {
            Object prev = new Object();
            for (Object o : x.inputOr("InputObject")) {
                if (!Compare.equal(o, prev, true)) {
                    x.out(o);
                }
                prev = o;
            }
        });
    }

    static PsScriptBlock block(CmdletCall c, String param) {
        Object v = c.get(param);
        if (v == null) {
            return null;
        }
        if (v instanceof PsScriptBlock sb) {
            return sb;
        }
        throw c.err("Cannot bind parameter '" + param + "'. Cannot convert the \"" + PsConvert.str(v) + "\" value of type \""
                + PsConvert.typeName(v) + "\" to type \"System.Management.Automation.ScriptBlock\".",
                "InvalidArgument: (:) [" + c.def.name() + "], ParameterBindingException", "CannotConvertArgumentNoMessage")
                .type("System.Management.Automation.ParameterBindingException");
    }

    private static void where(CmdletCall c) {
        PsScriptBlock filter = block(c, "FilterScript");
        if (filter == null) {
            throw c.err("Cannot process command because of one or more missing mandatory parameters: FilterScript.",
                    "InvalidArgument: (:) [Where-Object], ParameterBindingException", "MissingMandatoryParameter");
        }
        for (Object o : c.inputOr("InputObject")) {
            List<Object> r = new ArrayList<>();
            c.ev.commands.runWithItem(filter, c.scope, o, r::add);
            if (PsConvert.truthy(PsConvert.collapse(r))) {
                c.out(o);
            }
        }
    }

    private static void forEach(CmdletCall c) {
        PsScriptBlock begin = block(c, "Begin");
        PsScriptBlock process = block(c, "Process");
        PsScriptBlock end = block(c, "End");
        List<Object> extra = c.remaining();
        if (begin == null && !extra.isEmpty() && process != null) {
            // ForEach-Object {begin} {process} {end}
            begin = process;
            process = extra.get(0) instanceof PsScriptBlock p ? p : null;
            end = extra.size() > 1 && extra.get(1) instanceof PsScriptBlock e ? e : null;
        }
        if (begin != null) {
            c.ev.commands.runWithItem(begin, c.scope, null, c::outAll);
        }
        if (process != null) {
            for (Object o : c.inputOr("InputObject")) {
                c.ev.commands.runWithItem(process, c.scope, o, c::outAll);
            }
        }
        if (end != null) {
            c.ev.commands.runWithItem(end, c.scope, null, c::outAll);
        }
    }

    private static void sort(CmdletCall c) {
        List<Object> items = new ArrayList<>(c.inputOr("InputObject"));
        List<Object> props = c.list("Property");
        boolean desc = c.sw("Descending");
        boolean cs = c.sw("CaseSensitive");
        items.sort((a, b) -> {
            if (props.isEmpty()) {
                int r = Compare.compare(sortKey(a), sortKey(b), cs);
                return desc ? -r : r;
            }
            for (Object p : props) {
                boolean pdesc = desc;
                Object spec = p;
                if (p instanceof PsHashtable h) {
                    spec = h.containsKey("Expression") ? h.get("Expression") : h.get("e");
                    if (h.containsKey("Descending")) {
                        pdesc = PsConvert.truthy(h.get("Descending"));
                    } else if (h.containsKey("Ascending")) {
                        pdesc = !PsConvert.truthy(h.get("Ascending"));
                    }
                }
                int r = Compare.compare(PropertyValues.get(c, a, spec), PropertyValues.get(c, b, spec), cs);
                if (r != 0) {
                    return pdesc ? -r : r;
                }
            }
            return 0;
        });
        Object prev = new Object();
        for (Object o : items) {
            if (c.sw("Unique") && prev != null && Compare.equal(sortKey(o), sortKey(prev), cs)) {
                continue;
            }
            c.out(o);
            prev = o;
        }
    }

    private static Object sortKey(Object o) {
        return o instanceof PsObject p && p.toStringValue != null && p.base == null && !p.typeName().contains("PSCustomObject")
                ? p.toString() : o;
    }

    private static void group(CmdletCall c) {
        Map<String, List<Object>> groups = new LinkedHashMap<>();
        Map<String, Object> names = new LinkedHashMap<>();
        List<Object> props = c.list("Property");
        for (Object o : c.inputOr("InputObject")) {
            List<String> keyParts = new ArrayList<>();
            if (props.isEmpty()) {
                keyParts.add(PsConvert.str(o));
            } else {
                for (Object p : props) {
                    keyParts.add(PsConvert.str(PropertyValues.get(c, o, p)));
                }
            }
            String name = String.join(", ", keyParts);
            String key = c.sw("CaseSensitive") ? name : name.toLowerCase(java.util.Locale.ROOT);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            names.putIfAbsent(key, name);
        }
        if (c.sw("AsHashTable")) {
            PsHashtable h = new PsHashtable();
            groups.forEach((k, v) -> h.put(names.get(k), v.size() == 1 ? v.get(0) : v.toArray()));
            c.out(h);
            return;
        }
        for (Map.Entry<String, List<Object>> e : groups.entrySet()) {
            PsObject g = new PsObject("Microsoft.PowerShell.Commands.GroupInfo");
            g.put("Count", e.getValue().size());
            g.put("Name", names.get(e.getKey()));
            g.put("Group", c.sw("NoElement") ? null : e.getValue().toArray());
            g.put("Values", new Object[] {names.get(e.getKey())});
            if (c.sw("NoElement")) {
                g.defaultDisplay = List.of("Count", "Name");
                g.typeNames.set(0, "Microsoft.PowerShell.Commands.GroupInfoNoElement");
            }
            c.out(g);
        }
    }

    private static void measure(CmdletCall c) {
        List<Object> items = c.inputOr("InputObject");
        boolean text = c.sw("Line") || c.sw("Word") || c.sw("Character");
        List<Object> props = c.list("Property");
        if (text) {
            long lines = 0;
            long words = 0;
            long chars = 0;
            for (Object o : items) {
                String s = PsConvert.str(o);
                lines += s.isEmpty() ? 0 : s.split("\r\n|\n", -1).length;
                words += s.isBlank() ? 0 : s.trim().split("\\s+").length;
                chars += c.sw("IgnoreWhiteSpace") ? s.replaceAll("\\s", "").length() : s.length();
            }
            PsObject m = new PsObject("Microsoft.PowerShell.Commands.TextMeasureInfo");
            m.put("Lines", c.sw("Line") ? lines : null);
            m.put("Words", c.sw("Word") ? words : null);
            m.put("Characters", c.sw("Character") ? chars : null);
            m.put("Property", null);
            c.out(m);
            return;
        }
        List<Object> targets = props.isEmpty() ? java.util.Collections.singletonList(null) : props;
        for (Object p : targets) {
            int count = 0;
            double sum = 0;
            Object max = null;
            Object min = null;
            for (Object o : items) {
                Object v = p == null ? o : PropertyValues.get(c, o, p);
                if (p != null && v == null) {
                    continue;
                }
                count++;
                if (c.sw("Sum") || c.sw("Average")) {
                    sum += PsConvert.toDouble(v);
                }
                if (c.sw("Maximum") && (max == null || Compare.compare(PsConvert.toDouble(v), max, false) > 0)) {
                    max = PsConvert.toDouble(v);
                }
                if (c.sw("Minimum") && (min == null || Compare.compare(PsConvert.toDouble(v), min, false) < 0)) {
                    min = PsConvert.toDouble(v);
                }
            }
            PsObject m = new PsObject("Microsoft.PowerShell.Commands.GenericMeasureInfo");
            m.put("Count", count);
            m.put("Average", c.sw("Average") ? (Object) (count == 0 ? 0 : sum / count) : null);
            m.put("Sum", c.sw("Sum") ? (Object) sum : null);
            m.put("Maximum", max);
            m.put("Minimum", min);
            m.put("Property", p == null ? null : PsConvert.str(p));
            c.out(m);
        }
    }

    private static void compare(CmdletCall c) {
        List<Object> ref = c.list("ReferenceObject");
        List<Object> diff = c.has("DifferenceObject") ? c.list("DifferenceObject") : c.input == null ? List.of() : c.input;
        if (!c.has("ReferenceObject")) {
            throw c.err("Cannot bind argument to parameter 'ReferenceObject' because it is null.", "InvalidData: (:) [Compare-Object],"
                    + " ParameterBindingValidationException", "ParameterArgumentValidationErrorNullNotAllowed");
        }
        List<Object> props = c.list("Property");
        boolean cs = c.sw("CaseSensitive");
        List<Object> unmatched = new ArrayList<>(ref);
        List<Object[]> results = new ArrayList<>();
        for (Object d : diff) {
            int hit = -1;
            for (int i = 0; i < unmatched.size(); i++) {
                if (same(c, unmatched.get(i), d, props, cs)) {
                    hit = i;
                    break;
                }
            }
            if (hit >= 0) {
                Object r = unmatched.remove(hit);
                if (c.sw("IncludeEqual")) {
                    results.add(new Object[] {r, "=="});
                }
            } else if (!c.sw("ExcludeDifferent")) {
                results.add(new Object[] {d, "=>"});
            }
        }
        if (!c.sw("ExcludeDifferent")) {
            for (Object r : unmatched) {
                results.add(new Object[] {r, "<="});
            }
        }
        for (Object[] r : results) {
            if (c.sw("PassThru")) {
                c.out(r[0]);
                continue;
            }
            PsObject o = PsObject.custom();
            if (props.isEmpty()) {
                o.put("InputObject", r[0]);
            } else {
                for (Object p : props) {
                    o.put(PsConvert.str(p), PropertyValues.get(c, r[0], p));
                }
            }
            o.put("SideIndicator", r[1]);
            c.out(o);
        }
    }

    private static boolean same(CmdletCall c, Object a, Object b, List<Object> props, boolean cs) {
        if (props.isEmpty()) {
            return Compare.equal(a, b, cs) || PsConvert.str(a).equalsIgnoreCase(PsConvert.str(b)) && !cs;
        }
        for (Object p : props) {
            if (!Compare.equal(PropertyValues.get(c, a, p), PropertyValues.get(c, b, p), cs)) {
                return false;
            }
        }
        return true;
    }

    private static void tee(CmdletCall c) {
        List<Object> items = c.inputOr("InputObject");
        if (c.has("Variable")) {
            c.scope.set(c.str("Variable"), PsConvert.collapse(new ArrayList<>(items)));
        } else if (c.has("FilePath")) {
            StringBuilder text = new StringBuilder();
            OutDefault f = new OutDefault(c.ev, text::append, 80);
            items.forEach(f);
            f.end();
            OutputFiles.write(c.session, c.path(c.get("FilePath")), text.toString(), false, java.nio.charset.StandardCharsets.UTF_16LE, true);
        }
        for (Object o : items) {
            c.out(o);
        }
    }
}
