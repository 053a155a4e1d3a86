package dev.reprolab.sim.guest;

import dev.reprolab.windows.netstat.TcpState;
import dev.reprolab.windows.netstat.NetstatFormatter;
import dev.reprolab.windows.netstat.NetstatRow;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** netstat [-a] [-n] [-o] [-p tcp] [interval], flags in any grouping. */
final class Netstat implements GuestProgram {
    @Override
    public List<String> names() {
        return List.of("netstat", "netstat.exe");
    }

    @Override
    public int run(ProgramCall c) throws InterruptedException {
        boolean pid = false;
        boolean all = false;
        String proto = null;
        Integer interval = null;
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") || a.startsWith("/")) {
                String flags = a.substring(1).toLowerCase(Locale.ROOT);
                if (flags.equals("p")) {
                    proto = i + 1 < args.size() ? args.get(++i).toUpperCase(Locale.ROOT) : null;
                    continue;
                }
                for (char f : flags.toCharArray()) {
                    switch (f) {
                        case 'a' -> all = true;
                        case 'n' -> { }
                        case 'o' -> pid = true;
                        default -> {
                            c.out(usage());
                            return 1;
                        }
                    }
                }
            } else if (a.matches("\\d+")) {
                interval = Integer.parseInt(a);
            } else {
                c.out(usage());
                return 1;
            }
        }
        SimGuest g = CorePrograms.guest(c);
        do {
            List<NetstatRow> rows = g.tcp().enumerate(g.clock().millis(), d -> Thread.sleep(Math.max(0, d.toMillis()),
                    (int) (d.toNanos() % 1_000_000)));
            boolean a2 = all;
            String p2 = proto;
            List<NetstatRow> shown = rows.stream().filter(r -> a2 || r.state() != TcpState.LISTENING)
                    .filter(r -> p2 == null || r.proto().equalsIgnoreCase(p2)).toList();
            c.out(NetstatFormatter.format(shown, pid));
            if (interval != null) {
                c.sleep(Duration.ofSeconds(interval));
            }
        } while (interval != null);
        return 0;
    }

    private static String usage() {
        return "\r\nDisplays protocol statistics and current TCP/IP network connections.\r\n\r\n"
                + "NETSTAT [-a] [-b] [-e] [-f] [-n] [-o] [-p proto] [-r] [-s] [-t] [interval]\r\n\r\n";
    }
}
