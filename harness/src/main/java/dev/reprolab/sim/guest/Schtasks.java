package dev.reprolab.sim.guest;

import dev.reprolab.sim.guest.GuestOs.ScheduledTask;
import dev.reprolab.windows.schtasks.SchtasksFormatter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * schtasks.exe of Server 2008 R2 (English): {@code /create} ({@code /tn /tr /sc once|onstart /st /sd /ru /rl /f},
 * or {@code /xml FILE}), {@code /run}, {@code /end}, {@code /delete [/f]} and {@code /query} (the default; its
 * layouts in {@link SchtasksQuery}). Exit code 0 on success, 1 on any ERROR, as the real tool. A run goes through
 * the guest's {@link TaskScheduler}: the program starts detached, after this command has answered.
 */
final class Schtasks implements GuestProgram {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);

    @Override
    public List<String> names() {
        return List.of("schtasks", "schtasks.exe");
    }

    @Override
    public int run(ProgramCall c) {
        List<String> a = c.args();
        String verb = a.isEmpty() ? "/query" : a.get(0).toLowerCase(Locale.ROOT);
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = a.isEmpty() ? 0 : 1; i < a.size(); i++) {
            String k = a.get(i).toLowerCase(Locale.ROOT);
            if (!k.startsWith("/") && !k.startsWith("-")) {
                c.err(SchtasksFormatter.invalidArgument(a.get(i), verbName(verb)));
                return 1;
            }
            k = "/" + k.substring(1);
            boolean flag = List.of("/f", "/v", "/nh", "/it", "/z", "/i").contains(k)
                    || k.equals("/xml") && verb.equals("/query") && (i + 1 >= a.size() || a.get(i + 1).startsWith("/"));
            opts.put(k, flag ? "" : i + 1 < a.size() ? a.get(++i) : "");
        }
        SimGuest g = CorePrograms.guest(c);
        return switch (verb) {
            case "/create" -> create(c, g, opts);
            case "/run" -> withTask(c, g, opts, "run", n -> {
                TaskScheduler.run(g, n);
                c.out(SchtasksFormatter.ran(n));
                return 0;
            });
            case "/end" -> withTask(c, g, opts, "end", n -> {
                if (!TaskScheduler.end(g, n)) {
                    c.err(SchtasksFormatter.notRunning());
                    return 1;
                }
                c.out(SchtasksFormatter.terminated(n));
                return 0;
            });
            case "/delete" -> withTask(c, g, opts, "delete", n -> delete(c, g, n, opts.containsKey("/f")));
            case "/query" -> SchtasksQuery.query(c, g, opts);
            default -> {
                c.err(SchtasksFormatter.invalidArgument(a.get(0), "?"));
                yield 1;
            }
        };
    }

    static String verbName(String verb) {
        return verb.startsWith("/") ? verb.substring(1).toUpperCase(Locale.ROOT) : "?";
    }

    interface TaskOp {
        int apply(String name);
    }

    private static int withTask(ProgramCall c, SimGuest g, Map<String, String> opts, String verb, TaskOp op) {
        String name = opts.get("/tn");
        if (name == null || name.isEmpty()) {
            c.err("ERROR: Invalid syntax. Mandatory option '/tn' is missing." + "\r\n" + "Type \"SCHTASKS /"
                    + verb.toUpperCase(Locale.ROOT) + " /?\" for usage." + "\r\n");
            return 1;
        }
        Optional<ScheduledTask> t = TaskScheduler.find(g, name);
        if (t.isEmpty()) {
            c.err(SchtasksFormatter.notFound());
            return 1;
        }
        return op.apply(t.get().name());
    }

    private static int delete(ProgramCall c, SimGuest g, String name, boolean force) {
        if (!force && !confirmed(c, "WARNING: Are you sure you want to remove the task \"" + name + "\" (Y/N)? ")) {
            return 0;
        }
        synchronized (g.lock()) {
            g.state().tasks.remove(TaskScheduler.key(name));
        }
        c.out(SchtasksFormatter.deleted(name));
        return 0;
    }

    /** schtasks' Y/N prompt read from the console; over WinRM that is the command's stdin. */
    static boolean confirmed(ProgramCall c, String prompt) {
        c.out(prompt);
        try {
            byte[] b = new byte[1];
            int n = c.stdin().read(b);
            c.out("\r\n");
            return n == 1 && (b[0] == 'y' || b[0] == 'Y');
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int create(ProgramCall c, SimGuest g, Map<String, String> opts) {
        String name = opts.get("/tn");
        if (opts.containsKey("/xml")) {
            return TaskXml.create(c, g, name, opts.get("/xml"), opts.containsKey("/f"));
        }
        String tr = opts.get("/tr");
        String sc = opts.getOrDefault("/sc", "").toUpperCase(Locale.ROOT);
        if (name == null || tr == null || sc.isEmpty()) {
            String missing = name == null ? "/tn" : tr == null ? "/tr" : "/sc";
            c.err("ERROR: Invalid syntax. Mandatory option '" + missing + "' is missing." + "\r\n"
                    + "Type \"SCHTASKS /CREATE /?\" for usage." + "\r\n");
            return 1;
        }
        if (!sc.equals("ONCE") && !sc.equals("ONSTART")) {
            c.err("ERROR: Invalid value for /SC option." + "\r\n" + "Type \"SCHTASKS /CREATE /?\" for usage." + "\r\n");
            return 1;
        }
        LocalDateTime now = LocalDateTime.ofInstant(g.clock().instant(), ZoneOffset.UTC);
        LocalDateTime start = null;
        if (sc.equals("ONCE")) {
            try {
                LocalTime st = opts.containsKey("/st") ? LocalTime.parse(opts.get("/st")) : now.toLocalTime().withNano(0);
                LocalDate sd = opts.containsKey("/sd") ? LocalDate.parse(opts.get("/sd"), DATE) : now.toLocalDate();
                start = LocalDateTime.of(sd, st);
            } catch (DateTimeParseException e) {
                c.err("ERROR: Invalid " + (opts.containsKey("/sd") ? "Start Date" : "Start Time") + " value." + "\r\n");
                return 1;
            }
        }
        String runAs = opts.getOrDefault("/ru", "");
        runAs = runAs.isEmpty() || runAs.equalsIgnoreCase("SYSTEM") || runAs.equalsIgnoreCase("NT AUTHORITY\\SYSTEM")
                ? (runAs.isEmpty() ? "Administrator" : "SYSTEM") : runAs;
        boolean highest = opts.getOrDefault("/rl", "").equalsIgnoreCase("highest");
        String author = g.computerName() + "\\Administrator";
        return register(c, g, new ScheduledTask(name, tr, runAs, "Ready", 267011, sc, start, null, highest, author, 0),
                opts.containsKey("/f"), start != null && start.isBefore(now));
    }

    /** Registers the task (replacing one of the same name with /f, or after the Y/N prompt). */
    static int register(ProgramCall c, SimGuest g, ScheduledTask t, boolean force, boolean startPassed) {
        String key = TaskScheduler.key(t.name());
        boolean exists;
        synchronized (g.lock()) {
            exists = g.state().tasks.containsKey(key);
        }
        if (exists && !force && !confirmed(c, "WARNING: The task name \"" + t.name() + "\" already exists. Do you want to replace it (Y/N)? ")) {
            return 0;
        }
        if (startPassed) {
            c.err(SchtasksFormatter.startTimeInThePast());
        }
        synchronized (g.lock()) {
            g.state().tasks.put(key, t);
        }
        c.out(SchtasksFormatter.created(t.name()));
        return 0;
    }
}
