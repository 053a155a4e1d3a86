package dev.reprolab.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.Consumer;

/**
 * The run's journal ({@code journal.jsonl}): one JSON object per event, appended and forced to disk as it happens,
 * so that a run killed at any point (kill -9) leaves a journal that says exactly which trials finished. Everything
 * else — results, reports, resume — is derived from it. A torn last line (the kill landed mid-write) is ignored
 * when reading. Text is passed through the secret masker on the way in.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Appends an event of a type; {@code fill} adds its fields. */
    public synchronized ObjectNode append(String type, Consumer<ObjectNode> fill) {
        ObjectNode e = JSON.createObjectNode();
        e.put("ts", clock.instant().toString());
        e.put("type", type);
        fill.accept(e);
        String line = SecretMasker.mask(e.toString()) + "\n";
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return e;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete event of a run directory, in order; a torn or garbled line is skipped. */
    public static List<JsonNode> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        List<JsonNode> events = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n != null && n.has("type")) {
                        events.add(n);
                    }
                } catch (IOException torn) {
                    // the last line of a killed run
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
