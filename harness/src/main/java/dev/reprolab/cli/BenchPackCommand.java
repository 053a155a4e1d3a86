package dev.reprolab.cli;

import dev.reprolab.report.bundle.PackBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab bench pack}: our dump packing vs. the zstd command line, same file, same run. */
@Command(name = "pack", mixinStandardHelpOptions = true, description = "Benchmark packing a dump-like file against zstd -3 -T2.")
public final class BenchPackCommand implements Callable<Integer> {

    @Option(names = "--size", description = "file size, e.g. 1g, 256m (default 1g)")
    String size = "1g";

    @Option(names = "--repeat", description = "runs per method; the median is reported (default 3)")
    int repeat = 3;

    @Option(names = "--dir", description = "scratch directory (default: a temporary one)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        long bytes = parseSize(size);
        Path work = dir != null ? dir : Files.createTempDirectory("bench-pack");
        Path input = work.resolve("MEMORY.DMP");
        PackBench.dumpLike(input, bytes, 42);
        List<PackBench.Result> ours = new ArrayList<>();
        List<PackBench.Result> cli = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            ours.add(PackBench.ours(input, work.resolve("ours.tar.zst")));
            cli.add(PackBench.zstdCli(input, work.resolve("cli.zst")));
        }
        PackBench.Result o = median(ours);
        PackBench.Result c = median(cli);
        for (PackBench.Result r : List.of(o, c)) {
            System.out.printf(Locale.ROOT, "%-44s %7.2f s %8.1f MB/s  %,14d bytes  ratio %.2f%n", r.method(), r.seconds(), r.mbPerSecond(),
                    r.bytesOut(), r.ratio());
        }
        System.out.printf(Locale.ROOT, "speed ours/zstd %.2f, size ours/zstd %.3f, heap peak %d MiB of max %d MiB%n",
                c.seconds() / o.seconds(), (double) o.bytesOut() / c.bytesOut(), PackBench.peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Files.deleteIfExists(input);
        Files.deleteIfExists(work.resolve("ours.tar.zst"));
        Files.deleteIfExists(work.resolve("cli.zst"));
        return 0;
    }

    private static PackBench.Result median(List<PackBench.Result> rs) {
        return rs.stream().sorted(Comparator.comparingDouble(PackBench.Result::seconds)).toList().get(rs.size() / 2);
    }

    static long parseSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = t.endsWith("g") ? 1L << 30 : t.endsWith("m") ? 1L << 20 : t.endsWith("k") ? 1L << 10 : 1;
        try {
            return Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1)) * mult;
        } catch (NumberFormatException e) {
            throw new UsageException("--size " + s + ": expected a number with k, m or g");
        }
    }
}
