package dev.reprolab.report.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.reprolab.input.BadInputException;
import dev.reprolab.remote.SecretMasker;
import dev.reprolab.report.RunData;
import dev.reprolab.report.html.SummaryHtml;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ParallelScatterZipCreator;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * One archive for a vendor case from a run directory: summary, results, journal, environment, timelines, event logs,
 * dumps, scenario, and a manifest ({@code manifest.json} + {@code SHA256SUMS}, written last) with the SHA-256 and
 * size of every entry. Streaming: every entry is copied through a digest straight into the archive, so a multi-GB
 * dump never sits in memory. Text entries pass the secret masker and, with {@code redact}, the {@link Redactor};
 * a binary entry that contains a registered secret stops the bundle (it cannot be masked without breaking the dump).
 */
public final class BundleWriter {

    static final List<String> TEXT = List.of(".json", ".jsonl", ".csv", ".txt", ".log", ".md", ".html", ".yaml", ".yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleWriter() {
    }

    /** What went in. */
    public record Written(Path file, int entries, long bytes, List<Path> volumes) {
    }

    public static Written write(Path runDir, Path out, boolean redact) {
        return write(runDir, out, redact, 0);
    }

    /**
     * Packs the run into {@code out}, or with {@code splitBytes > 0} into volumes {@code out.001}, {@code out.002}, …
     * of at most that many bytes each (see {@link Volumes}).
     */
    public static Written write(Path runDir, Path out, boolean redact, long splitBytes) {
        if (!Files.isRegularFile(runDir.resolve("journal.jsonl"))) {
            throw new BadInputException(runDir + ": not a run directory (no journal.jsonl)");
        }
        RunData run = RunData.read(runDir);
        if (!Files.exists(runDir.resolve("summary.html"))) {
            SummaryHtml.write(run);
        }
        MarkdownSummary.write(run);
        boolean zip = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        if (!zip && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar.zst")) {
            throw new BadInputException(out + ": the bundle must end in .zip or .tar.zst");
        }
        Redactor redactor = redact ? Redactor.forRun(run) : null;
        List<Path> files;
        try (Stream<Path> s = Files.walk(runDir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !runDir.relativize(p).startsWith("work"))
                    .filter(p -> !p.getFileName().toString().endsWith(".part")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode manifest = JSON.createArrayNode();
        StringBuilder sums = new StringBuilder();
        long total = 0;
        Volumes.Writer volumes = splitBytes > 0 ? new Volumes.Writer(out, splitBytes) : null;
        try (OutputStream file = volumes != null ? volumes : new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            Sink sink = zip ? new ZipSink(file) : new TarZstSink(file);
            for (Path p : files) {
                String name = runDir.relativize(p).toString().replace('\\', '/');
                // a gzip'd text file (the netstat timeline) goes in as its text: masked, redacted and readable
                boolean gzText = isGzipText(name);
                if (gzText) {
                    name = name.substring(0, name.length() - 3);
                }
                String entryName = name;
                boolean text = gzText || TEXT.stream().anyMatch(entryName.toLowerCase(Locale.ROOT)::endsWith);
                String hash;
                long size;
                if (text) {
                    String content = SecretMasker.mask(gzText ? gunzip(p) : Files.readString(p, StandardCharsets.UTF_8));
                    if (redactor != null) {
                        content = redactor.apply(content);
                    }
                    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                    size = bytes.length;
                    hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                    sink.put(name, size, new java.io.ByteArrayInputStream(bytes));
                } else {
                    size = Files.size(p);
                    SecretScan scan = new SecretScan(Files.newInputStream(p));
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    try (InputStream in = new DigestInputStream(scan, md)) {
                        sink.put(name, size, in, p);
                    }
                    if (scan.found()) {
                        throw new BadInputException(name + " contains a registered secret (a password in a dump?);"
                                + " no bundle written — capture the dump without the credential or redact it by hand");
                    }
                    hash = HexFormat.of().formatHex(md.digest());
                }
                total += size;
                ObjectNode e = manifest.addObject();
                e.put("path", name).put("bytes", size).put("sha256", hash).put("redacted", redactor != null && text);
                sums.append(hash).append("  ").append(name).append('\n');
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("runId", run.runId());
            root.put("format", zip ? "zip" : "tar.zst");
            root.set("entries", manifest);
            byte[] m = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            sink.put(Manifest.JSON, m.length, new java.io.ByteArrayInputStream(m));
            byte[] s = sums.toString().getBytes(StandardCharsets.UTF_8);
            sink.put(Manifest.SUMS, s.length, new java.io.ByteArrayInputStream(s));
            sink.finish();
        } catch (IOException e) {
            deletePartial(out, volumes);
            throw new UncheckedIOException(e);
        } catch (BadInputException e) {
            deletePartial(out, volumes);
            throw e;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Written(out, files.size() + 2, total, volumes == null ? List.of(out) : volumes.written());
    }

    static boolean isGzipText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".gz") && TEXT.stream().anyMatch(lower.substring(0, lower.length() - 3)::endsWith);
    }

    private static String gunzip(Path p) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(p), 1 << 16)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** No partial bundle is left behind: the file, or every volume written so far. */
    private static void deletePartial(Path out, Volumes.Writer volumes) {
        try {
            Files.deleteIfExists(out);
            if (volumes != null) {
                for (Path v : volumes.written()) {
                    Files.deleteIfExists(v);
                }
            }
        } catch (IOException ignored) {
            // the caller reports the original failure
        }
    }

    interface Sink {
        void put(String name, long size, InputStream data) throws IOException;

        /** An entry whose bytes are also in {@code source}: a sink that compresses later may read it again from there. */
        default void put(String name, long size, InputStream data, Path source) throws IOException {
            put(name, size, data);
        }

        void finish() throws IOException;
    }

    /** tar over zstd level 3 with two worker threads (zstd-jni). */
    static final class TarZstSink implements Sink {
        private final TarArchiveOutputStream tar;

        TarZstSink(OutputStream out) throws IOException {
            ZstdOutputStream z = new ZstdOutputStream(out, 3);
            z.setWorkers(2);
            z.setChecksum(true);
            tar = new TarArchiveOutputStream(z);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        @Override
        public void put(String name, long size, InputStream data) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(size);
            tar.putArchiveEntry(e);
            // big writes: zstd's workers get whole jobs instead of 8 KB dribbles
            byte[] buf = new byte[1 << 20];
            for (int n; (n = data.readNBytes(buf, 0, buf.length)) > 0; ) {
                tar.write(buf, 0, n);
            }
            tar.closeArchiveEntry();
        }

        @Override
        public void finish() throws IOException {
            tar.finish();
            tar.close();
        }
    }

    /**
     * zip, deflated on every core (commons-compress's {@link ParallelScatterZipCreator}): entries are collected as
     * they are hashed and scanned, then compressed in parallel and written in order when the bundle is finished.
     */
    static final class ZipSink implements Sink {
        private final ZipArchiveOutputStream zip;
        private final ParallelScatterZipCreator scatter;

        ZipSink(OutputStream out) {
            zip = new ZipArchiveOutputStream(out);
            zip.setUseZip64(org.apache.commons.compress.archivers.zip.Zip64Mode.AsNeeded);
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            scatter = new ParallelScatterZipCreator(java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bundle-zip");
                t.setDaemon(true);
                return t;
            }));
        }

        private static ZipArchiveEntry entry(String name, long size) {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setMethod(java.util.zip.ZipEntry.DEFLATED);
            e.setSize(size);
            return e;
        }

        @Override
        public void put(String name, long size, InputStream data) throws IOException {
            byte[] bytes = data.readAllBytes();
            scatter.addArchiveEntry(entry(name, size), () -> new java.io.ByteArrayInputStream(bytes));
        }

        @Override
        public void put(String name, long size, InputStream data, Path source) throws IOException {
            data.transferTo(OutputStream.nullOutputStream()); // the caller's hash and secret scan see every byte now
            scatter.addArchiveEntry(entry(name, size), () -> {
                try {
                    return Files.newInputStream(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void finish() throws IOException {
            try {
                scatter.writeTo(zip);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while compressing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("compressing an entry failed: " + e.getCause(), e.getCause());
            }
            zip.finish();
            zip.close();
        }
    }
}
