package dev.reprolab.remote;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Where one stream of a command's output goes as it arrives: kept whole for the {@link CommandResult}, and cut into
 * lines (terminator dropped) for a caller that follows the output live, such as the netstat poller.
 */
final class OutputSink extends OutputStream {

    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Guest.Stream stream;
    private final Consumer<Guest.OutputLine> lines;
    /** False for bulk output a line handler consumes (a file streamed back): nothing of it is kept in memory. */
    private final boolean keep;

    OutputSink(Guest.Stream stream, Consumer<Guest.OutputLine> lines) {
        this(stream, lines, true);
    }

    OutputSink(Guest.Stream stream, Consumer<Guest.OutputLine> lines, boolean keep) {
        this.stream = stream;
        this.lines = lines;
        this.keep = keep;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (keep) {
            all.write(b, off, len);
        }
        if (lines == null) {
            return;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                String text = line.toString(WinRmGuest.OEM);
                while (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                deliver(new Guest.OutputLine(stream, text));
                line.reset();
            } else {
                line.write(b[i]);
            }
        }
    }

    /** Hands on a last line that had no terminator. */
    synchronized void finish() {
        if (lines != null && line.size() > 0) {
            deliver(new Guest.OutputLine(stream, line.toString(WinRmGuest.OEM)));
            line.reset();
        }
    }

    private void deliver(Guest.OutputLine l) {
        try {
            lines.accept(l);
        } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
        }
    }

    /** A RuntimeException thrown by the caller's line handler, told apart from the transport's own failures. */
    static final class ConsumerFailure extends RuntimeException {
        final RuntimeException bug;

        ConsumerFailure(RuntimeException bug) {
            super(bug);
            this.bug = bug;
        }
    }

    synchronized String text() {
        return all.toString(WinRmGuest.OEM);
    }
}
