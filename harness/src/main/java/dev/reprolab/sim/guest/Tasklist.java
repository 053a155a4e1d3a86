package dev.reprolab.sim.guest;

import dev.reprolab.windows.tasklist.TaskRow;
import dev.reprolab.windows.tasklist.TasklistFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** tasklist [/fo table|csv] [/nh] [/fi "IMAGENAME eq X"] [/fi "PID eq N"]. */
final class Tasklist implements GuestProgram {
    @Override
    public List<String> names() {
        return List.of("tasklist", "tasklist.exe");
    }

    @Override
    public int run(ProgramCall c) {
        List<String> a = c.args();
        boolean csv = false;
        boolean header = true;
        Predicate<GuestOs.ProcessInfo> filter = p -> true;
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i).toLowerCase(Locale.ROOT);
            if (s.equals("/fo") && i + 1 < a.size()) {
                csv = a.get(++i).equalsIgnoreCase("csv");
            } else if (s.equals("/nh")) {
                header = false;
            } else if (s.equals("/fi") && i + 1 < a.size()) {
                filter = filter.and(filter(a.get(++i)));
            } else {
                c.err("ERROR: Invalid argument/option - '" + a.get(i) + "'.\r\nType \"TASKLIST /?\" for usage.\r\n");
                return 1;
            }
        }
        List<TaskRow> rows = new ArrayList<>();
        for (GuestOs.ProcessInfo p : c.os().processes()) {
            if (filter.test(p)) {
                rows.add(new TaskRow(p.imageName(), p.pid(), p.sessionName(), p.sessionNumber(), p.memUsageKb()));
            }
        }
        if (rows.isEmpty()) {
            c.out(TasklistFormatter.noTasks());
            return 0;
        }
        c.out(csv ? TasklistFormatter.csv(rows, header) : TasklistFormatter.table(rows, header));
        return 0;
    }

    static Predicate<GuestOs.ProcessInfo> filter(String f) {
        Matcher m = Pattern.compile("(?i)\\s*(IMAGENAME|PID)\\s+(eq|ne)\\s+(.+?)\\s*").matcher(f);
        if (!m.matches()) {
            return p -> true;
        }
        boolean eq = m.group(2).equalsIgnoreCase("eq");
        String v = m.group(3);
        Predicate<GuestOs.ProcessInfo> base = m.group(1).equalsIgnoreCase("PID")
                ? p -> Integer.toString(p.pid()).equals(v)
                : p -> p.imageName().equalsIgnoreCase(v);
        return eq ? base : base.negate();
    }
}
