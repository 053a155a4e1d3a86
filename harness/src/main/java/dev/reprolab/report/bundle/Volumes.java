package dev.reprolab.report.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.utils.MultiReadOnlySeekableByteChannel;

/**
 * A bundle split into volumes for upload limits ({@code --split 4g}): {@code case.tar.zst.001}, {@code .002}, … each
 * at most the volume size, cut at byte boundaries like {@code split -b} or 7-Zip volumes — {@code cat case.tar.zst.0*
 * > case.tar.zst} gives the one-file bundle back, and {@code lab verify case.tar.zst.001} reads them in place.
 */
public final class Volumes {

    private static final Pattern NUMBERED = Pattern.compile("(.+)\\.(\\d{3})$");

    private Volumes() {
    }

    /** The name of volume {@code n} (1-based) of a bundle. */
    public static Path volume(Path bundle, int n) {
        return bundle.resolveSibling(bundle.getFileName() + String.format(".%03d", n));
    }

    /** For {@code x.tar.zst.001} (or {@code x.tar.zst} when only volumes exist): the bundle's name without the number. */
    public static Optional<Path> base(Path given) {
        Matcher m = NUMBERED.matcher(given.getFileName().toString());
        if (m.matches()) {
            return Optional.of(given.resolveSibling(m.group(1)));
        }
        if (!Files.exists(given) && Files.exists(volume(given, 1))) {
            return Optional.of(given);
        }
        return Optional.empty();
    }

    /** The volumes present, in order, and the numbers missing before the last one found. */
    public record Found(List<Path> volumes, List<Path> missing) {
    }

    public static Found find(Path base) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (var s = Files.list(base.toAbsolutePath().getParent())) {
            s.forEach(p -> {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(base.getFileName().toString())) {
                    numbers.add(Integer.parseInt(m.group(2)));
                }
            });
        }
        Collections.sort(numbers);
        List<Path> present = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        int last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        for (int i = 1; i <= last; i++) {
            (numbers.contains(i) ? present : missing).add(volume(base, i));
        }
        return new Found(present, missing);
    }

    /** The volumes as one stream. */
    public static InputStream concat(List<Path> volumes) throws IOException {
        List<InputStream> ins = new ArrayList<>();
        for (Path v : volumes) {
            ins.add(Files.newInputStream(v));
        }
        return new SequenceInputStream(Collections.enumeration(ins));
    }

    /** The volumes as one seekable channel (what a zip reader needs). */
    public static SeekableByteChannel channel(List<Path> volumes) throws IOException {
        return MultiReadOnlySeekableByteChannel.forPaths(volumes.toArray(Path[]::new));
    }

    /** Writes volumes of at most {@code size} bytes; {@link #written()} lists them. */
    static final class Writer extends OutputStream {
        private final Path base;
        private final long size;
        private final List<Path> written = new ArrayList<>();
        private OutputStream current;
        private long inCurrent;

        Writer(Path base, long size) {
            if (size < 1024) {
                throw new IllegalArgumentException("volumes must be at least 1 KiB");
            }
            this.base = base;
            this.size = size;
        }

        List<Path> written() {
            return List.copyOf(written);
        }

        private void roll() throws IOException {
            if (current != null) {
                current.close();
            }
            Path next = volume(base, written.size() + 1);
            current = new java.io.BufferedOutputStream(Files.newOutputStream(next), 1 << 16);
            written.add(next);
            inCurrent = 0;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (current == null || inCurrent == size) {
                    roll();
                }
                int n = (int) Math.min(len, size - inCurrent);
                current.write(b, off, n);
                inCurrent += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (current != null) {
                current.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (current == null) {
                roll();
            }
            current.close();
        }
    }
}
