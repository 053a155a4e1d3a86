package dev.reprolab.sim.guest.tools.ps;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Out-Default as PowerShell 2.0 renders the subset's values, and PowerShell 2.0's error record layout. */
final class PsFormat {

    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private PsFormat() {
    }

    /**
     * The error as PowerShell 2.0 prints it: message, {@code At line:L char:C}, the line with {@code <<<<} after
     * the failing name, CategoryInfo and FullyQualifiedErrorId, then an empty line.
     */
    static String error(String script, int position, PsError e) {
        int pos = Math.min(Math.max(position, 0), script.length());
        int lineStart = script.lastIndexOf('\n', pos - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (script.charAt(i) == '\n') {
                line++;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < script.length() && script.charAt(lineEnd) != '\n' && script.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        String text = script.substring(lineStart, lineEnd);
        int col = Math.min(pos - lineStart, text.length());
        return e.getMessage() + CRLF
                + "At line:" + line + " char:" + (col + 1) + CRLF
                + "+ " + text.substring(0, col) + " <<<< " + text.substring(col) + CRLF
                + "    + CategoryInfo          : " + e.category() + CRLF
                + "    + FullyQualifiedErrorId : " + e.errorId() + CRLF
                + " " + CRLF;
    }

    /** Renders pipeline output; consecutive objects of one kind share one table, as Out-Default does. */
    static String render(List<Object> items, PsHost host) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < items.size()) {
            Object v = items.get(i);
            if (v instanceof PsObject o) {
                int j = i;
                List<PsObject> run = new ArrayList<>();
                while (j < items.size() && items.get(j) instanceof PsObject p && p.typeName().equals(o.typeName())) {
                    run.add(p);
                    j++;
                }
                sb.append(objects(run));
                i = j;
                continue;
            }
            if (v != null && v != PsValues.VOID) {
                sb.append(v instanceof PsFileStream s ? stream(s) : PsValues.toStr(v) + CRLF);
            }
            i++;
        }
        return sb.toString();
    }

    private static String objects(List<PsObject> run) {
        String type = run.get(0).typeName();
        if (type.endsWith("Win32_QuickFixEngineering")) {
            return hotfixTable(run);
        }
        if (type.equals("System.IO.FileInfo") || type.equals("System.IO.DirectoryInfo")) {
            return childItems(run);
        }
        if (type.endsWith("Win32_OperatingSystem")) {
            StringBuilder sb = new StringBuilder();
            for (PsObject o : run) {
                sb.append(list(o, List.of("SystemDirectory", "Organization", "BuildNumber", "RegisteredUser",
                        "SerialNumber", "Version")));
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (PsObject o : run) {
            sb.append(list(o, new ArrayList<>(o.properties().keySet())));
        }
        return sb.toString();
    }

    private static String list(PsObject o, List<String> keys) {
        int width = keys.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder(CRLF);
        for (String k : keys) {
            sb.append(String.format("%-" + width + "s : %s", k, PsValues.toStr(o.get(k)))).append(CRLF);
        }
        return sb.append(CRLF).toString();
    }

    private static String stream(PsFileStream s) {
        return CRLF + "CanRead        : True" + CRLF + "Name           : " + s.windowsPath() + CRLF
                + "Length         : " + s.length() + CRLF + "Position       : " + s.position() + CRLF + CRLF;
    }

    /** Get-HotFix's table view: Source 13, Description 16, HotFixID 13, InstalledBy 20, then InstalledOn. */
    private static String hotfixTable(List<PsObject> rows) {
        StringBuilder sb = new StringBuilder(CRLF);
        sb.append("Source        Description      HotFixID      InstalledBy          InstalledOn").append(CRLF);
        sb.append("------        -----------      --------      -----------          -----------").append(CRLF);
        for (PsObject r : rows) {
            String on = PsValues.toStr(r.get("InstalledOn"));
            if (!on.isEmpty() && !on.contains(":")) {
                // Get-HotFix turns WMI's date string into a DateTime, printed with its midnight time.
                on = on + " 12:00:00 AM";
            }
            sb.append(cell(r.get("Source"), 13)).append(' ')
                    .append(cell(r.get("Description"), 16)).append(' ')
                    .append(cell(r.get("HotFixID"), 13)).append(' ')
                    .append(cell(r.get("InstalledBy"), 20)).append(' ')
                    .append(on).append(CRLF);
        }
        return sb.append(CRLF).append(CRLF).toString();
    }

    /** A Format-Table cell: padded, or cut with "..." when too long. */
    static String cell(Object value, int width) {
        String s = PsValues.toStr(value);
        if (s.length() > width) {
            return s.substring(0, width - 3) + "...";
        }
        return String.format("%-" + width + "s", s);
    }

    /**
     * Get-ChildItem's view in PowerShell 2.0, which names the directory with its provider path
     * ({@code Microsoft.PowerShell.Core\FileSystem::C:\lab}; 3.0 dropped the prefix).
     */
    private static String childItems(List<PsObject> items) {
        StringBuilder sb = new StringBuilder();
        String dir = null;
        for (PsObject o : items) {
            String full = PsValues.toStr(o.get("FullName"));
            String parent = dev.reprolab.sim.guest.tools.WinPath.parent(full);
            if (!parent.equals(dir)) {
                if (dir != null) {
                    sb.append(CRLF);
                }
                dir = parent;
                sb.append(CRLF).append(CRLF).append("    Directory: Microsoft.PowerShell.Core\\FileSystem::")
                        .append(parent).append(CRLF).append(CRLF).append(CRLF)
                        .append("Mode                LastWriteTime     Length Name").append(CRLF)
                        .append("----                -------------     ------ ----").append(CRLF);
            }
            Instant t = (Instant) o.get("LastWriteTime");
            var local = t.atZone(ZoneId.systemDefault());
            Object length = o.get("Length");
            sb.append(String.format("%-12s %10s %8s %10s %s", o.get("Mode"), DATE.format(local), TIME.format(local),
                    length == null ? "" : length, o.get("Name"))).append(CRLF);
        }
        return sb.append(CRLF).append(CRLF).toString();
    }
}
