package dev.reprolab.sim.winrm;

import java.io.ByteArrayOutputStream;

/** A command and the output received from it but not yet sent (what did not fit the last envelope). */
final class WsmanCommand {
    final RunningCommand rc;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    boolean done;
    int exitCode;

    WsmanCommand(RunningCommand rc) {
        this.rc = rc;
    }

    void add(RunningCommand.Output o) {
        stdout.writeBytes(o.stdout());
        stderr.writeBytes(o.stderr());
        if (o.done()) {
            done = true;
            exitCode = o.exitCode();
        }
    }

    boolean pendingEmpty() {
        return stdout.size() == 0 && stderr.size() == 0;
    }

    byte[] takeStdout(int max) {
        return take(stdout, max);
    }

    byte[] takeStderr(int max) {
        return take(stderr, Math.max(0, max));
    }

    private static byte[] take(ByteArrayOutputStream buf, int max) {
        byte[] all = buf.toByteArray();
        if (all.length <= max) {
            buf.reset();
            return all;
        }
        byte[] head = java.util.Arrays.copyOf(all, max);
        buf.reset();
        buf.write(all, max, all.length - max);
        return head;
    }
}
