package dev.reprolab.sim.winrm;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One remote shell. */
final class WsmanShell {
    final String id;
    final String user;
    final int codePage;
    final Map<String, WsmanCommand> commands = new ConcurrentHashMap<>();
    volatile Instant lastUsed = Instant.now();

    WsmanShell(String id, String user, int codePage) {
        this.id = id;
        this.user = user;
        this.codePage = codePage;
    }

    void touch() {
        lastUsed = Instant.now();
    }

    void terminateAll() {
        commands.values().forEach(c -> c.rc.signal(RunningCommand.Signal.TERMINATE));
        commands.clear();
    }
}
