package dev.reprolab.journal;

import dev.reprolab.remote.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's journal ({@code journal.jsonl}): one {@link JournalEvent} per line, appended and forced to disk as it
 * happens, so that a run killed at any point (kill -9) leaves a journal that says exactly which trials finished.
 * Everything else — results, reports, resume — is derived from it. A torn last line (the kill landed mid-write) is
 * ignored when reading. Text is passed through the secret masker on the way in. Lines are written and read by
 * {@link JournalCodec}; which events come in which order is documented on {@code dev.reprolab.run.JournalRecorder}.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE = "journal.jsonl";

    private final FileChannel channel;
    private final Clock clock;

    private Journal(FileChannel channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    public static Journal open(Path runDir, Clock clock) {
        try {
            Files.createDirectories(runDir);
            Path file = runDir.resolve(FILE);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            // a torn last line from a killed run: end it, so the next event starts on a line of its own
            if (ch.size() > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
                    r.read(last, r.size() - 1);
                }
                if (last.get(0) != '\n') {
                    ch.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
                }
            }
            return new Journal(ch, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends an event, time-stamped now, and forces it to disk before returning. */
    public synchronized JournalEntry append(JournalEvent event) {
        JournalEntry entry = new JournalEntry(clock.instant(), event);
        String line = SecretMasker.mask(JournalCodec.encode(entry.ts(), event)) + "\n";
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return entry;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete event of a run directory, in order; a torn, garbled or unknown line is skipped. */
    public static List<JournalEntry> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        List<JournalEntry> events = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JournalCodec.decode(line).ifPresent(events::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** The events of one kind, in journal order. */
    public static <T extends JournalEvent> List<T> events(List<JournalEntry> entries, Class<T> type) {
        return entries.stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** The events of one kind in a run directory's journal, in order. */
    public static <T extends JournalEvent> List<T> events(Path runDir, Class<T> type) {
        return events(read(runDir), type);
    }
}
