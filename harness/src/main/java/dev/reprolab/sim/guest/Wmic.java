package dev.reprolab.sim.guest;

import dev.reprolab.windows.hotfix.HotFix;
import dev.reprolab.windows.hotfix.QfeFormatter;
import dev.reprolab.windows.text.Lines;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wmic os get LastBootUpTime /value; wmic qfe [list brief | get COLS]; wmic datafile where name='...' get Version /value. */
final class Wmic implements GuestProgram {
    @Override
    public List<String> names() {
        return List.of("wmic", "wmic.exe");
    }

    @Override
    public int run(ProgramCall c) {
        String raw = c.rawArguments().strip();
        String lower = raw.toLowerCase(Locale.ROOT);
        // wmic writes CR CR LF when its output is not a console — always the case under WinRM
        if (lower.startsWith("os ")) {
            if (lower.contains("lastbootuptime")) {
                c.out(Lines.toCrCrLf("\r\n\r\nLastBootUpTime=" + c.os().lastBootUpTimeWmi() + "\r\n\r\n\r\n"));
                return 0;
            }
        } else if (lower.startsWith("qfe")) {
            List<HotFix> list = c.os().hotfixes().stream().map(h -> new HotFix(h.hotFixId(), h.description(),
                    "http://support.microsoft.com/?kbid=" + h.hotFixId().substring(2), h.installedBy(), h.installedOn())).toList();
            List<String> cols = List.of("Caption", "CSName", "Description", "FixComments", "HotFixID", "InstallDate",
                    "InstalledBy", "InstalledOn", "Name", "ServicePackInEffect", "Status");
            int get = lower.indexOf(" get ");
            if (get >= 0) {
                cols = List.of(raw.substring(get + 5).strip().split("\\s*,\\s*"));
            } else if (lower.contains("brief")) {
                cols = List.of("Description", "FixComments", "HotFixID", "InstallDate", "InstalledBy", "InstalledOn", "Name", "ServicePackInEffect", "Status");
            }
            if (list.isEmpty()) {
                c.err(Lines.toCrCrLf("No Instance(s) Available.\r\n"));
                return 0;
            }
            c.out(Lines.toCrCrLf(QfeFormatter.wmicQfe(list, cols)));
            return 0;
        } else if (lower.startsWith("datafile")) {
            Matcher m = Pattern.compile("(?i)name\\s*=\\s*['\"]([^'\"]+)['\"]").matcher(raw);
            if (m.find()) {
                String path = m.group(1).replace("\\\\", "\\");
                Optional<String> v = c.os().fileVersion(path);
                if (v.isEmpty() || !Files.exists(c.os().file(path))) {
                    c.err(Lines.toCrCrLf("No Instance(s) Available.\r\n"));
                    return 0;
                }
                c.out(Lines.toCrCrLf("\r\n\r\nVersion=" + v.get() + "\r\n\r\n\r\n"));
                return 0;
            }
        }
        c.err("Node - " + c.os().computerName() + "\r\nERROR:\r\nDescription = Invalid query\r\n\r\n");
        return 44210;
    }
}
