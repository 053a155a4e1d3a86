package dev.reprolab.sim.guest.tools.ps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The default views PowerShell 2.0's format files give the types the lab shows (services, processes, files,
 * hotfixes, event log entries, hashtables, versions, features...), and the rule for everything else: the default
 * display properties, a table for up to four, a list above.
 */
final class Views {

    private Views() {
    }

    enum Align { LEFT, RIGHT }

    /** A table column: label, width (0 = share the rest), alignment and how a cell is computed. */
    record Column(String label, int width, Align align, Function<Object, Object> value) {
    }

    sealed interface View permits Table, ListView, Complex {
    }

    /** A table view; groupBy gives the group header text ("    Directory: ...") or null. */
    record Table(String key, List<Column> columns, Function<Object, String> groupBy) implements View {
    }

    record ListView(String key, List<String> properties) implements View {
    }

    /** One text block per object (DateTime, MatchInfo): framed by blank lines like any format group. */
    record Complex(String key, Function<Object, String> text) implements View {
    }

    private static final Map<String, View> VIEWS = new HashMap<>();

    private static Column col(String label, int width, Align align) {
        return new Column(label, width, align, o -> prop(o, label));
    }

    private static Column col(String label, int width, Align align, Function<Object, Object> f) {
        return new Column(label, width, align, f);
    }

    static {
        Table dict = new Table("dictionary", List.of(col("Name", 30, Align.LEFT, o -> o instanceof PsEntry e ? e.key() : null),
                col("Value", 0, Align.LEFT, o -> o instanceof PsEntry e ? e.value() : null)), null);
        VIEWS.put("system.collections.dictionaryentry", dict);
        VIEWS.put("system.serviceprocess.servicecontroller", new Table("service", List.of(col("Status", 8, Align.LEFT),
                col("Name", 18, Align.LEFT), col("DisplayName", 38, Align.LEFT)), null));
        VIEWS.put("system.diagnostics.process", new Table("process", List.of(
                col("Handles", 7, Align.RIGHT), col("NPM(K)", 7, Align.RIGHT, o -> PsConvert.toLong(prop(o, "NPM")) / 1024),
                col("PM(K)", 8, Align.RIGHT, o -> PsConvert.toLong(prop(o, "PM")) / 1024),
                col("WS(K)", 10, Align.RIGHT, o -> PsConvert.toLong(prop(o, "WS")) / 1024),
                col("VM(M)", 5, Align.RIGHT, o -> PsConvert.toLong(prop(o, "VM")) / 1024 / 1024),
                col("CPU(s)", 8, Align.RIGHT, o -> {
                    Object cpu = prop(o, "CPU");
                    return cpu == null ? "" : String.format(Locale.US, "%.2f", PsConvert.toDouble(cpu));
                }),
                col("Id", 6, Align.RIGHT), col("ProcessName", 0, Align.LEFT)), null));
        Function<Object, String> dir = o -> "    Directory: " + PsConvert.str(prop(o, "PSParentPath"));
        Table files = new Table("filesystem", List.of(col("Mode", 7, Align.LEFT),
                col("LastWriteTime", 25, Align.RIGHT, o -> {
                    Object t = prop(o, "LastWriteTime");
                    if (!(t instanceof PsDateTime d)) {
                        return "";
                    }
                    return DotNetFormat.format("{0,10}  {1,8}", List.of(DotNetFormat.date(d, "d"), DotNetFormat.date(d, "t")));
                }),
                col("Length", 10, Align.RIGHT), col("Name", 0, Align.LEFT)), dir);
        VIEWS.put("system.io.fileinfo", files);
        VIEWS.put("system.io.directoryinfo", files);
        VIEWS.put("system.management.managementobject#root\\cimv2\\win32_quickfixengineering", new Table("hotfix", List.of(
                col("Source", 13, Align.LEFT), col("Description", 16, Align.LEFT), col("HotFixID", 13, Align.LEFT),
                col("InstalledBy", 20, Align.LEFT), col("InstalledOn", 0, Align.LEFT)), null));
        VIEWS.put("system.version", new Table("version", List.of(col("Major", 6, Align.LEFT), col("Minor", 6, Align.LEFT),
                col("Build", 6, Align.LEFT), col("Revision", 8, Align.LEFT)), null));
        VIEWS.put("system.diagnostics.eventlogentry", new Table("eventlog", List.of(col("Index", 8, Align.RIGHT),
                col("Time", 13, Align.LEFT, o -> prop(o, "TimeGenerated") instanceof PsDateTime d ? DotNetFormat.date(d, "MMM dd HH:mm") : ""),
                col("EntryType", 11, Align.LEFT), col("Source", 20, Align.LEFT), col("InstanceID", 12, Align.RIGHT, o -> prop(o, "InstanceId")),
                col("Message", 0, Align.LEFT)), null));
        VIEWS.put("microsoft.windows.servermanager.commands.feature", new Table("feature", List.of(
                col("Display Name", 55, Align.LEFT, o -> "    ".repeat(PsConvert.toInt(prop(o, "Depth")) - 1)
                        + (PsConvert.truthy(prop(o, "Installed")) ? "[X] " : "[ ] ") + PsConvert.str(prop(o, "DisplayName"))),
                col("Name", 0, Align.LEFT)), null));
        VIEWS.put("microsoft.powershell.commands.groupinfo", new Table("group", List.of(col("Count", 5, Align.RIGHT),
                col("Name", 25, Align.LEFT), col("Group", 0, Align.LEFT)), null));
        VIEWS.put("system.management.automation.commandinfo", new Table("command", List.of(col("CommandType", 15, Align.LEFT),
                col("Name", 31, Align.LEFT), col("Definition", 0, Align.LEFT)), null));
        VIEWS.put("system.management.automation.pathinfo", new Table("pathinfo", List.of(col("Path", 0, Align.LEFT)), null));
        VIEWS.put("microsoft.powershell.commands.memberdefinition", new Table("member", List.of(col("Name", 0, Align.LEFT),
                col("MemberType", 0, Align.LEFT), col("Definition", 0, Align.LEFT)), o -> "   TypeName: " + PsConvert.str(prop(o, "TypeName"))));
        VIEWS.put("system.management.automation.psvariable", new Table("variable", List.of(col("Name", 30, Align.LEFT),
                col("Value", 0, Align.LEFT)), null));
        VIEWS.put("system.management.automation.aliasinfo", new Table("alias", List.of(col("CommandType", 15, Align.LEFT),
                col("Name", 31, Align.LEFT), col("Definition", 0, Align.LEFT)), null));
        VIEWS.put("system.datetime", new Complex("datetime", o -> DotNetFormat.date((PsDateTime) o, "F")));
        VIEWS.put("microsoft.powershell.commands.matchinfo", new Complex("matchinfo", PsConvert::str));
        VIEWS.put("system.management.automation.psmoduleinfo", new Table("module", List.of(col("ModuleType", 10, Align.LEFT),
                col("Name", 20, Align.LEFT), col("ExportedCommands", 0, Align.LEFT)), null));
    }

    static Object prop(Object o, String name) {
        if (o instanceof PsObject p) {
            Object v = p.get(name);
            if (v == null && p.base instanceof DotNetObject d) {
                Object b = d.property(name);
                return b == DotNetObject.NONE ? null : b;
            }
            return v;
        }
        if (o instanceof DotNetObject d) {
            Object v = d.property(name);
            return v == DotNetObject.NONE ? null : v;
        }
        if (o instanceof PsDateTime || o instanceof PsTimeSpan || o instanceof PsVersion) {
            Object v = DateMembers.property(o, name.toLowerCase(Locale.ROOT));
            return v == DotNetObject.NONE ? null : v;
        }
        if (o instanceof PsEntry e) {
            return name.equalsIgnoreCase("Value") ? e.value() : e.key();
        }
        return null;
    }

    /** Whether a value prints as text (ToString) rather than through a view. */
    static boolean isScalar(Object o) {
        return o instanceof String || PsConvert.isNumber(o) || o instanceof Boolean || o instanceof Character
                || o instanceof PsEnum || o instanceof PsType || o instanceof PsScriptBlock || o instanceof GuidValue
                || o instanceof IpAddressValue || o instanceof PsTimeSpan || o instanceof DotNetRegexObject
                || o instanceof EncodingObject && false;
    }

    /** The view for an object: a registered one, else table (≤ 4 properties) or list. */
    static View forObject(Object o) {
        for (String t : typeNames(o)) {
            View v = VIEWS.get(t.toLowerCase(Locale.ROOT));
            if (v != null) {
                return v;
            }
        }
        List<String> props = properties(o);
        String key = "generic:" + typeNames(o).get(0) + ":" + String.join(",", props);
        if (props.size() <= 4 && !props.isEmpty()) {
            List<Column> cols = new ArrayList<>();
            for (String p : props) {
                Object first = prop(o, p);
                cols.add(col(p, 0, PsConvert.isNumber(first) ? Align.RIGHT : Align.LEFT));
            }
            return new Table(key, cols, null);
        }
        return new ListView(key, props);
    }

    static List<String> typeNames(Object o) {
        if (o instanceof PsObject p) {
            return p.typeNames;
        }
        return List.of(PsConvert.typeName(o));
    }

    /** The properties Format-* shows by default: DefaultDisplayPropertySet or all. */
    static List<String> properties(Object o) {
        if (o instanceof PsObject p) {
            if (p.defaultDisplay != null) {
                return p.defaultDisplay;
            }
            List<String> names = p.names();
            if (names.isEmpty() && p.base instanceof DotNetObject d) {
                return d.propertyNames();
            }
            return names;
        }
        if (o instanceof DotNetObject d) {
            return d.propertyNames();
        }
        if (o instanceof PsDateTime) {
            return List.of("DisplayHint", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond", "Minute",
                    "Month", "Second", "Ticks", "TimeOfDay", "Year", "DateTime");
        }
        if (o instanceof PsVersion) {
            return List.of("Major", "Minor", "Build", "Revision");
        }
        if (o instanceof PsEntry) {
            return List.of("Name", "Value");
        }
        return List.of();
    }
}
