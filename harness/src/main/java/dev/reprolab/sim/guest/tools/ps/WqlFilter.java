package dev.reprolab.sim.guest.tools.ps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WQL WHERE clauses of the simple kind scripts use: {@code Name='x' AND State != 'Running'}, LIKE with %. */
final class WqlFilter {

    private static final Pattern TERM = Pattern.compile("(?i)\\s*(\\w+)\\s*(=|<>|!=|>=|<=|>|<|like)\\s*('([^']*)'|\"([^\"]*)\"|([\\w.]+))\\s*");

    private WqlFilter() {
    }

    static boolean matches(PsObject o, String filter) {
        for (String or : filter.split("(?i)\\s+or\\s+")) {
            boolean all = true;
            for (String and : or.split("(?i)\\s+and\\s+")) {
                Matcher m = TERM.matcher(and);
                if (!m.matches()) {
                    throw new PsError("Get-WmiObject : Invalid query ", "InvalidOperation: (:) [Get-WmiObject], ManagementException",
                            "GetWMIManagementException,Microsoft.PowerShell.Commands.GetWmiObjectCommand");
                }
                String value = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
                Object actual = o.get(m.group(1));
                String op = m.group(2).toLowerCase(java.util.Locale.ROOT);
                boolean ok = switch (op) {
                    case "=" -> Compare.equal(actual, value, false);
                    case "<>", "!=" -> !Compare.equal(actual, value, false);
                    case "like" -> Wildcard.matches(value.replace('%', '*').replace('_', '?'), PsConvert.str(actual), true);
                    case ">" -> Compare.compare(actual, value, false) > 0;
                    case "<" -> Compare.compare(actual, value, false) < 0;
                    case ">=" -> Compare.compare(actual, value, false) >= 0;
                    default -> Compare.compare(actual, value, false) <= 0;
                };
                all &= ok;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
