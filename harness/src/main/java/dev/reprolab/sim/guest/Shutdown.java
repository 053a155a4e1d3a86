package dev.reprolab.sim.guest;

import java.util.List;

/** shutdown /r|/s [/t N] [/f]. */
final class Shutdown implements GuestProgram {
    @Override
    public List<String> names() {
        return List.of("shutdown", "shutdown.exe");
    }

    @Override
    public int run(ProgramCall c) {
        boolean restart = c.args().stream().anyMatch(a -> a.equalsIgnoreCase("/r") || a.equalsIgnoreCase("-r"));
        boolean stop = c.args().stream().anyMatch(a -> a.equalsIgnoreCase("/s") || a.equalsIgnoreCase("-s"));
        if (restart) {
            c.os().restart("Other (Planned)");
            return 0;
        }
        if (stop) {
            SimGuest g = CorePrograms.guest(c);
            g.timer().schedule(g::shutDown, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
            return 0;
        }
        c.err("Usage: shutdown [/i | /l | /s | /r | /g | /a | /p | /h | /e] [/f]\r\n");
        return 1;
    }
}
