package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.List;

/** CSV as PowerShell 2.0 writes and reads it: a #TYPE line, every field quoted, the first object's properties. */
final class Csv {

    private Csv() {
    }

    static List<String> to(CmdletCall c) {
        List<String> out = new ArrayList<>();
        List<Object> items = c.inputOr("InputObject");
        if (items.isEmpty()) {
            return out;
        }
        String d = c.has("Delimiter") ? c.str("Delimiter") : ",";
        Object first = items.get(0);
        List<String> props = first instanceof PsObject p ? p.names() : Views.properties(first);
        if (props.isEmpty()) {
            props = List.of("Length");
        }
        if (!c.sw("NoTypeInformation")) {
            String t = Views.typeNames(first).get(0);
            out.add("#TYPE " + t);
        }
        out.add(String.join(d, props.stream().map(p -> "\"" + p + "\"").toList()));
        for (Object o : items) {
            List<String> cells = new ArrayList<>();
            for (String p : props) {
                Object v = Members.instanceProperty(c.ev, o, p);
                cells.add(v == DotNetObject.NONE || v == null ? "" : "\"" + PsConvert.str(v).replace("\"", "\"\"") + "\"");
            }
            out.add(String.join(d, cells));
        }
        return out;
    }

    static void from(CmdletCall c, List<Object> lines) {
        char d = c.has("Delimiter") ? c.str("Delimiter").charAt(0) : ',';
        List<String> header = null;
        if (c.has("Header")) {
            header = c.list("Header").stream().map(PsConvert::str).toList();
        }
        String type = null;
        for (Object l : lines) {
            for (String line : FileText.lines(PsConvert.str(l))) {
                if (line.startsWith("#TYPE ")) {
                    type = line.substring(6).trim();
                    continue;
                }
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = split(line, d);
                if (header == null) {
                    header = fields;
                    continue;
                }
                PsObject o = PsObject.custom();
                if (type != null) {
                    o.typeNames.add(0, "CSV:" + type);
                }
                for (int i = 0; i < header.size(); i++) {
                    o.put(header.get(i), i < fields.size() ? fields.get(i) : null);
                }
                c.out(o);
            }
        }
    }

    static List<String> split(String line, char d) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == d) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
