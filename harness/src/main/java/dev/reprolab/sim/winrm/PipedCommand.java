package dev.reprolab.sim.winrm;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link RunningCommand} fed by a program running on its own thread: the program writes stdout/stderr as it goes
 * and ends with an exit code; the WS-Man server drains the output on each Receive. Stdin from the client is readable
 * as an {@link InputStream}; signals reach the program through a callback (usually: interrupt its thread).
 */
public final class PipedCommand implements RunningCommand {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Stdin stdin = new Stdin();
    private volatile Consumer<Signal> onSignal = s -> { };
    private boolean done;
    private int exitCode;

    public PipedCommand() {
    }

    /** What to do on a client's signal (called on the server's thread). */
    public PipedCommand onSignal(Consumer<Signal> handler) {
        this.onSignal = handler;
        return this;
    }

    public void writeOut(byte[] bytes) {
        append(out, bytes);
    }

    public void writeErr(byte[] bytes) {
        append(err, bytes);
    }

    private void append(ByteArrayOutputStream to, byte[] bytes) {
        lock.lock();
        try {
            to.writeBytes(bytes);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the command; output written before stays to be received. */
    public void finish(int code) {
        lock.lock();
        try {
            if (!done) {
                done = true;
                exitCode = code;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean finished() {
        lock.lock();
        try {
            return done;
        } finally {
            lock.unlock();
        }
    }

    /** The client's stdin; ends when the client sends End or the command is terminated. */
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public Output next(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (out.size() == 0 && err.size() == 0 && !done && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            if (out.size() == 0 && err.size() == 0 && !done) {
                return Output.NOTHING;
            }
            Output o = new Output(out.toByteArray(), err.toByteArray(), done, exitCode);
            out.reset();
            err.reset();
            return o;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the command has ended (for callers that run it synchronously). */
    public boolean awaitFinished(Duration d) throws InterruptedException {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!done && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return done;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stdin(byte[] data, boolean end) {
        stdin.feed(data, end);
    }

    @Override
    public void signal(Signal signal) {
        onSignal.accept(signal);
        if (signal == Signal.TERMINATE) {
            stdin.feed(new byte[0], true);
        }
    }


    /** The client's stdin as a blocking stream (not a JDK pipe: those fail when the writing thread has gone). */
    private static final class Stdin extends InputStream {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition more = lock.newCondition();
        private final java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        void feed(byte[] data, boolean end) {
            lock.lock();
            try {
                if (data.length > 0 && !ended) {
                    chunks.add(data.clone());
                }
                ended |= end;
                more.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            lock.lock();
            try {
                while (pos >= current.length) {
                    if (!chunks.isEmpty()) {
                        current = chunks.poll();
                        pos = 0;
                    } else if (ended) {
                        return -1;
                    } else {
                        more.awaitUninterruptibly();
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            } finally {
                lock.unlock();
            }
        }
    }
}
