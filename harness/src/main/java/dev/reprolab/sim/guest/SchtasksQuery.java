package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.GuestOs.ScheduledTask;
import dev.reprolab.windows.schtasks.SchtasksFormatter;
import dev.reprolab.windows.schtasks.TaskView;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code schtasks /query [/tn NAME] [/fo table|list|csv] [/v] [/nh]} and {@code /query [/tn NAME] /xml}: the guest's
 * tasks (the root folder's; the simulated guest has none of Windows' own under {@code \Microsoft}) in the layouts of
 * {@link SchtasksFormatter}, dates as an en-US 2008 R2 prints them.
 */
final class SchtasksQuery {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm:ss a", Locale.US);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);

    private SchtasksQuery() {
    }

    static int query(ProgramCall c, SimGuest g, Map<String, String> opts) {
        List<ScheduledTask> tasks;
        synchronized (g.lock()) {
            tasks = List.copyOf(g.state().tasks.values());
        }
        String tn = opts.get("/tn");
        if (tn != null) {
            tasks = TaskScheduler.find(g, tn).map(List::of).orElse(List.of());
            if (tasks.isEmpty()) {
                c.err(SchtasksFormatter.notFound());
                return 1;
            }
        }
        if (opts.containsKey("/xml")) {
            StringBuilder b = new StringBuilder();
            tasks.forEach(t -> b.append(TaskXml.of(t)));
            c.out(b.toString());
            return 0;
        }
        LocalDateTime now = LocalDateTime.ofInstant(g.clock().instant(), ZoneOffset.UTC);
        List<TaskView> views = tasks.stream().map(t -> view(g.computerName(), t, now)).toList();
        String fo = opts.getOrDefault("/fo", "table").toLowerCase(Locale.ROOT);
        boolean verbose = opts.containsKey("/v");
        switch (fo) {
            case "list" -> c.out(SchtasksFormatter.list(views, verbose));
            case "csv" -> c.out(SchtasksFormatter.csv(views, verbose, opts.containsKey("/nh")));
            case "table" -> c.out(SchtasksFormatter.table(views, opts.containsKey("/nh")));
            default -> {
                c.err("ERROR: Invalid value for /FO option." + "\r\n" + "Type \"SCHTASKS /QUERY /?\" for usage." + "\r\n");
                return 1;
            }
        }
        return 0;
    }

    static TaskView view(String host, ScheduledTask t, LocalDateTime now) {
        boolean once = t.trigger().equals("ONCE");
        String next = once && t.start() != null && t.start().isAfter(now) ? WHEN.format(t.start()) : "N/A";
        boolean system = t.runAs().equals("SYSTEM");
        String lastRun = t.lastRun() == null ? TaskView.NEVER_RUN : WHEN.format(t.lastRun().atZone(ZoneOffset.UTC));
        return new TaskView(host, "\\" + t.name(), next, t.status(), system ? "Interactive/Background" : "Interactive only",
                lastRun, t.lastResult(), t.author(), t.commandLine(), t.runAs(),
                once ? "One Time Only" : "At system start up",
                once ? TIME.format(t.start()) : "N/A", once ? DAY.format(t.start()) : "N/A");
    }
}
