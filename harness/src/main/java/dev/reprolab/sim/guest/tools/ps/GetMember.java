package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Get-Member: the members of each distinct input type (properties the simulator knows, and common methods). */
final class GetMember {

    private GetMember() {
    }

    static void run(CmdletCall c) {
        List<Object> items = c.inputOr("InputObject");
        if (items.isEmpty()) {
            throw c.err("No object has been specified to the get-member cmdlet.", "CloseError: (:) [Get-Member], InvalidOperationException",
                    "NoObjectInGetMember");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Object o : items) {
            String type = Views.typeNames(o).get(0);
            if (!seen.add(type)) {
                continue;
            }
            TreeMap<String, String[]> members = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String m : methods(o)) {
                members.put(m, new String[] {"Method", m + "()"});
            }
            List<String> props = o instanceof PsObject p ? p.names() : Views.properties(o);
            if (o instanceof String) {
                props = List.of("Length");
            }
            for (String p : props) {
                Object v = Members.instanceProperty(c.ev, o, p);
                String vt = v == null || v == DotNetObject.NONE ? "System.Object" : PsConvert.typeName(v);
                boolean note = o instanceof PsObject po && po.base == null && po.typeName().contains("PSCustomObject");
                members.put(p, new String[] {note ? "NoteProperty" : "Property", vt + " " + p + (note ? "=" + PsConvert.str(v) : " {get;}")});
            }
            List<Object> names = c.list("Name");
            for (var e : members.entrySet()) {
                if (!names.isEmpty() && names.stream().noneMatch(n -> Wildcard.matches(PsConvert.str(n), e.getKey(), true))) {
                    continue;
                }
                if (c.has("MemberType") && !e.getValue()[0].toLowerCase().contains(c.str("MemberType").toLowerCase())) {
                    continue;
                }
                PsObject m = new PsObject("Microsoft.PowerShell.Commands.MemberDefinition");
                m.put("TypeName", type);
                m.put("Name", e.getKey());
                m.put("MemberType", e.getValue()[0]);
                m.put("Definition", e.getValue()[1]);
                m.defaultDisplay = List.of("Name", "MemberType", "Definition");
                c.out(m);
            }
        }
    }

    private static List<String> methods(Object o) {
        List<String> m = new ArrayList<>(List.of("Equals", "GetHashCode", "GetType", "ToString"));
        if (o instanceof String) {
            m.addAll(List.of("Clone", "CompareTo", "Contains", "CopyTo", "EndsWith", "GetEnumerator", "GetTypeCode", "IndexOf",
                    "IndexOfAny", "Insert", "IsNormalized", "LastIndexOf", "LastIndexOfAny", "Normalize", "PadLeft", "PadRight", "Remove",
                    "Replace", "Split", "StartsWith", "Substring", "ToCharArray", "ToLower", "ToLowerInvariant", "ToUpper",
                    "ToUpperInvariant", "Trim", "TrimEnd", "TrimStart"));
        }
        if (o instanceof PsObject p) {
            p.methods.keySet().forEach(k -> m.add(Character.toUpperCase(k.charAt(0)) + k.substring(1)));
            p.scriptMethods.keySet().forEach(m::add);
        }
        return m;
    }
}
