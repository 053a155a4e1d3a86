package dev.reprolab.sim.guest.tools.ps;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Select-Object and Select-String. */
final class SelectCmdlets {

    private SelectCmdlets() {
    }

    static void register(Cmdlets c) {
        c.add("Select-Object", "Property@0,ExcludeProperty,ExpandProperty,Unique!,Last,First,Skip,Index,InputObject", SelectCmdlets::select);
        c.add("Select-String", "Pattern@0,Path@1,InputObject,SimpleMatch!,CaseSensitive!,Quiet!,List!,Include,Exclude,NotMatch!,"
                + "AllMatches!,Encoding,Context", SelectCmdlets::selectString);
    }

    private static void select(CmdletCall c) {
        List<Object> items = new ArrayList<>(c.inputOr("InputObject"));
        if (c.has("Skip")) {
            int n = Math.min(items.size(), PsConvert.toInt(c.get("Skip")));
            items = items.subList(n, items.size());
        }
        if (c.has("First") || c.has("Last")) {
            List<Object> pick = new ArrayList<>();
            if (c.has("First")) {
                pick.addAll(items.subList(0, Math.min(items.size(), PsConvert.toInt(c.get("First")))));
            }
            if (c.has("Last")) {
                int n = PsConvert.toInt(c.get("Last"));
                pick.addAll(items.subList(Math.max(0, items.size() - n), items.size()));
            }
            items = pick;
        }
        if (c.has("Index")) {
            List<Object> pick = new ArrayList<>();
            for (Object i : c.list("Index")) {
                int k = PsConvert.toInt(i);
                if (k >= 0 && k < items.size()) {
                    pick.add(items.get(k));
                }
            }
            items = pick;
        }
        List<Object> props = c.list("Property");
        String expand = c.str("ExpandProperty");
        List<Object> out = new ArrayList<>();
        for (Object o : items) {
            if (expand != null) {
                Object v = Members.instanceProperty(c.ev, o, expand);
                if (v == DotNetObject.NONE) {
                    c.error(c.err("Property \"" + expand + "\" cannot be found.", "InvalidArgument: (" + PsConvert.str(o)
                            + ":PSObject) [Select-Object], PSArgumentException", "ExpandPropertyNotFound"));
                    continue;
                }
                if (PsConvert.isEnumerable(v)) {
                    out.addAll(PsConvert.items(v));
                } else {
                    out.add(v);
                }
                continue;
            }
            if (props.isEmpty()) {
                out.add(o);
                continue;
            }
            PsObject r = PsObject.custom();
            r.typeNames.add(0, "Selected." + PsConvert.typeName(o instanceof PsObject p && p.base != null ? p.base : o));
            for (Object spec : props) {
                if (spec instanceof PsHashtable) {
                    r.put(PropertyValues.label(spec), PropertyValues.get(c, o, spec));
                    continue;
                }
                for (String name : PropertyValues.matching(o, PsConvert.str(spec))) {
                    if (c.list("ExcludeProperty").stream().anyMatch(x -> Wildcard.matches(PsConvert.str(x), name, true))) {
                        continue;
                    }
                    Object v = Members.instanceProperty(c.ev, o, name);
                    r.put(name, v == DotNetObject.NONE ? null : v);
                }
            }
            out.add(r);
        }
        if (c.sw("Unique")) {
            List<Object> uniq = new ArrayList<>();
            for (Object o : out) {
                if (uniq.stream().noneMatch(u -> PsConvert.str(u).equals(PsConvert.str(o)) && same(u, o))) {
                    uniq.add(o);
                }
            }
            out = uniq;
        }
        out.forEach(c::out);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof PsObject x && b instanceof PsObject y) {
            for (String n : x.names()) {
                if (!Compare.equal(x.get(n), y.get(n), true)) {
                    return false;
                }
            }
            return true;
        }
        return Compare.equal(a, b, true);
    }

    private static void selectString(CmdletCall c) {
        List<Object> patterns = c.list("Pattern");
        boolean cs = c.sw("CaseSensitive");
        List<Pattern> res = new ArrayList<>();
        for (Object p : patterns) {
            String s = PsConvert.str(p);
            res.add(c.sw("SimpleMatch") ? Pattern.compile(Pattern.quote(s), cs ? 0 : Pattern.CASE_INSENSITIVE)
                    : DotNetRegex.compile(s, !cs));
        }
        List<Object[]> lines = new ArrayList<>();
        if (c.has("Path")) {
            for (String path : ItemCmdlets.expand(c, c.get("Path"), true)) {
                try {
                    List<String> ls = FileText.lines(FileText.decode(Files.readAllBytes(c.session.host.file(path)), java.nio.charset.StandardCharsets.UTF_8));
                    for (int i = 0; i < ls.size(); i++) {
                        lines.add(new Object[] {path, i + 1, ls.get(i)});
                    }
                } catch (java.io.IOException e) {
                    c.error(c.err(e.getMessage(), "ReadError", "ReadError"));
                }
            }
        } else {
            int n = 0;
            for (Object o : c.inputOr("InputObject")) {
                lines.add(new Object[] {null, ++n, PsConvert.str(o)});
            }
        }
        boolean any = false;
        for (Object[] l : lines) {
            String text = (String) l[2];
            Matcher hit = null;
            for (Pattern p : res) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    hit = m;
                    break;
                }
            }
            if ((hit != null) == c.sw("NotMatch")) {
                continue;
            }
            any = true;
            if (c.sw("Quiet")) {
                break;
            }
            c.out(matchInfo(c, (String) l[0], (int) l[1], text, hit, patterns));
        }
        if (c.sw("Quiet")) {
            c.out(any);
        }
    }

    private static PsObject matchInfo(CmdletCall c, String path, int lineNumber, String line, Matcher m, List<Object> patterns) {
        PsObject o = new PsObject("Microsoft.PowerShell.Commands.MatchInfo");
        o.put("IgnoreCase", !c.sw("CaseSensitive"));
        o.put("LineNumber", lineNumber);
        o.put("Line", line);
        o.put("Filename", path == null ? "InputStream" : dev.reprolab.sim.guest.tools.WinPath.name(path));
        o.put("Path", path == null ? "InputStream" : path);
        o.put("Pattern", PsConvert.str(patterns.get(0)));
        o.put("Context", null);
        o.put("Matches", m == null ? new Object[0] : new Object[] {new DotNetRegexObject.MatchObject(m.toMatchResult(), m.pattern())});
        if (path == null) {
            o.toStringValue = line;
        } else {
            String loc = c.session.location.endsWith("\\") ? c.session.location : c.session.location + "\\";
            String shown = path.regionMatches(true, 0, loc, 0, loc.length()) ? path.substring(loc.length()) : path;
            o.toStringValue = shown + ":" + lineNumber + ":" + line;
        }
        return o;
    }
}
