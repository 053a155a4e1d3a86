package dev.reprolab.report.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code lab bench pack}: packs a dump-like file the way a bundle packs dumps (tar over zstd level 3, two workers,
 * streamed) and, in the same run, times the {@code zstd -3 -T2} command on the same file.
 */
public final class PackBench {

    private PackBench() {
    }

    public record Result(String method, double seconds, long bytesIn, long bytesOut) {
        public double mbPerSecond() {
            return bytesIn / 1e6 / seconds;
        }

        public double ratio() {
            return (double) bytesIn / bytesOut;
        }
    }

    /**
     * A file shaped like a full memory dump: zero pages, pages of repeated small structures, text, and random
     * (compressed or encrypted) pages, in runs, at roughly the mix that gives zstd -3 a ratio near 2.8.
     */
    public static void dumpLike(Path file, long size, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] page = new byte[4096];
        byte[] text = ("GET /index.html HTTP/1.1\r\nHost: 10.0.0.11\r\nUser-Agent: reprolab-load\r\nConnection: close\r\n\r\n"
                + "C:\\Windows\\System32\\drivers\\tcpip.sys afd.sys httpd.exe mod_ssl.so libapr-1.dll ").getBytes();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            while (written < size) {
                int kind = rnd.nextInt(100);
                int run = 1 + rnd.nextInt(16);
                for (int r = 0; r < run && written < size; r++) {
                    if (kind < 30) {
                        Arrays.fill(page, (byte) 0);
                    } else if (kind < 55) {
                        for (int i = 0; i < page.length; i += 16) {
                            long v = 0xfffff88000000000L + rnd.nextInt(1 << 20) * 16L;
                            for (int j = 0; j < 8; j++) {
                                page[i + j] = (byte) (v >>> (8 * j));
                            }
                            Arrays.fill(page, i + 8, i + 16, (byte) (i % 7));
                        }
                    } else if (kind < 75) {
                        for (int i = 0; i < page.length; i++) {
                            page[i] = text[(i + r * 13) % text.length];
                        }
                    } else {
                        rnd.nextBytes(page);
                    }
                    int n = (int) Math.min(page.length, size - written);
                    out.write(page, 0, n);
                    written += n;
                }
            }
        }
    }

    public static Result ours(Path input, Path output) throws IOException {
        long t0 = System.nanoTime();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
             InputStream in = Files.newInputStream(input)) {
            BundleWriter.TarZstSink sink = new BundleWriter.TarZstSink(file);
            sink.put("MEMORY.DMP", Files.size(input), in);
            sink.finish();
        }
        return new Result("reprolab tar.zst (zstd-jni -3, 2 workers)", (System.nanoTime() - t0) / 1e9, Files.size(input), Files.size(output));
    }

    public static Result zstdCli(Path input, Path output) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("zstd", "-3", "-T2", "-q", "-f", input.toString(), "-o", output.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("zstd failed: " + out);
        }
        return new Result("zstd -3 -T2 (command line)", (System.nanoTime() - t0) / 1e9, Files.size(input), Files.size(output));
    }

    /** Peak heap used so far by this JVM (sum of the heap pools' peaks), in bytes. */
    public static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                sum += b.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
