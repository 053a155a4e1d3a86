package dev.reprolab.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.reprolab.input.BadInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.io.UncheckedIOException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * {@code lab verify}: recomputes every entry's SHA-256 and size and compares them with the bundle's manifest;
 * names what is missing, altered or unexpected, and where the archive itself is damaged, the entry being read.
 * A tar.zst bundle carries zstd's content checksum, so any changed byte is caught; in a zip, the data and the
 * fields that locate it are checked (CRC, sizes, names), not timestamps or attributes.
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }

    /** What verification found; {@code ok()} when nothing. */
    public record Report(int entries, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private record Seen(long size, String sha256) {
    }

    public static Report verify(Path given) {
        Optional<Path> split = Volumes.base(given);
        Path bundle = split.orElse(given);
        List<Path> volumes = List.of(bundle);
        List<String> problems = new ArrayList<>();
        if (split.isPresent()) {
            try {
                Volumes.Found found = Volumes.find(bundle);
                volumes = found.volumes();
                found.missing().forEach(m -> problems.add("missing volume: " + m.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (volumes.isEmpty()) {
                throw new BadInputException(given + ": no volumes " + bundle.getFileName() + ".001, .002, ... found");
            }
        } else if (!Files.isRegularFile(bundle)) {
            throw new BadInputException(bundle + ": no such file");
        }
        Map<String, Seen> seen = new LinkedHashMap<>();
        byte[] manifest = null;
        String current = "(archive header)";
        try {
            if (bundle.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(Volumes.channel(volumes)).get()) {
                    for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                        current = e.getName();
                        try (InputStream in = zip.getInputStream(e)) {
                            manifest = record(seen, e.getName(), in, manifest);
                        }
                    }
                }
            } else {
                try (InputStream raw = new BufferedInputStream(Volumes.concat(volumes));
                     ArchiveInputStream<?> tar = new TarArchiveInputStream(new ZstdInputStream(raw))) {
                    ArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        current = e.getName();
                        manifest = record(seen, e.getName(), tar, manifest);
                        current = "(after " + e.getName() + ")";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("damaged while reading " + current + ": " + e.getMessage());
        }
        if (manifest == null) {
            problems.add("manifest.json missing or unreadable: cannot check the entries");
            return new Report(seen.size(), problems);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(manifest);
        } catch (IOException e) {
            problems.add("manifest.json damaged: " + e.getMessage());
            return new Report(seen.size(), problems);
        }
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        root.path("entries").forEach(n -> expected.put(n.path("path").asText(), n));
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            Seen s = seen.get(e.getKey());
            if (s == null) {
                problems.add("missing: " + e.getKey());
            } else if (s.size() != e.getValue().path("bytes").asLong() || !s.sha256().equals(e.getValue().path("sha256").asText())) {
                problems.add("altered: " + e.getKey() + " (SHA-256 " + s.sha256() + ", manifest says " + e.getValue().path("sha256").asText() + ")");
            }
        }
        for (String name : seen.keySet()) {
            if (!expected.containsKey(name) && !name.equals(Manifest.JSON) && !name.equals(Manifest.SUMS)) {
                problems.add("unexpected: " + name);
            }
        }
        return new Report(seen.size(), problems);
    }

    private static byte[] record(Map<String, Seen> seen, String name, InputStream in, byte[] manifest) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        boolean keep = name.equals(Manifest.JSON);
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        byte[] buf = new byte[1 << 16];
        long size = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            size += n;
            if (keep) {
                kept.write(buf, 0, n);
            }
        }
        seen.put(name, new Seen(size, HexFormat.of().formatHex(md.digest())));
        return keep ? kept.toByteArray() : manifest;
    }
}
