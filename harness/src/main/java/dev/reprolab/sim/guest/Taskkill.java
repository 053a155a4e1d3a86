package dev.reprolab.sim.guest;

import dev.reprolab.windows.tasklist.TaskkillFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** taskkill /f /pid N | /im NAME. A process stuck in the kernel reports success and stays. */
final class Taskkill implements GuestProgram {

    /**
     * How long a killed process stays listed: the rundown of a process with threads in pending I/O takes a few
     * hundred milliseconds on a real machine (not scaled: it is what a "still alive right after the kill" check meets).
     */
    static final long RUNDOWN_MS = 400;

    @Override
    public List<String> names() {
        return List.of("taskkill", "taskkill.exe");
    }

    @Override
    public int run(ProgramCall c) {
        List<String> a = c.args();
        List<Integer> pids = new ArrayList<>();
        String image = null;
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i).toLowerCase(Locale.ROOT);
            if (s.equals("/pid") && i + 1 < a.size()) {
                pids.add(Integer.parseInt(a.get(++i)));
            } else if (s.equals("/im") && i + 1 < a.size()) {
                image = a.get(++i);
            }
        }
        SimGuest g = CorePrograms.guest(c);
        int rc = 0;
        synchronized (g.lock()) {
            GuestState st = g.state();
            if (image != null) {
                String im = image;
                st.processes.stream().filter(p -> p.image.equalsIgnoreCase(im)).forEach(p -> pids.add(p.pid));
                if (pids.isEmpty()) {
                    c.err("ERROR: The process \"" + image + "\" not found.\r\n");
                    return 128;
                }
            }
            for (int pid : pids) {
                GuestState.Proc p = st.process(pid);
                if (p == null) {
                    c.err(TaskkillFormatter.notFound(pid));
                    rc = 128;
                    continue;
                }
                if (pid == 4 || p.image.equalsIgnoreCase("csrss.exe") || p.image.equalsIgnoreCase("lsass.exe")) {
                    c.err(TaskkillFormatter.accessDenied(image, pid));
                    rc = 1;
                    continue;
                }
                c.out(image != null ? TaskkillFormatter.success(p.image, pid) : TaskkillFormatter.success(pid));
                if (!p.stuck) {
                    // TerminateProcess returns at once; the process object goes when its threads have run down
                    g.timer().schedule(() -> {
                        synchronized (g.lock()) {
                            GuestState now = g.state();
                            if (now == st && now.processes.remove(p)) {
                                now.services.values().stream().filter(s -> s.pid == pid).forEach(s -> {
                                    s.stateCode = 1;
                                    s.pid = 0;
                                    s.win32ExitCode = 1067;
                                });
                            }
                        }
                    }, RUNDOWN_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }
        }
        return rc;
    }
}
