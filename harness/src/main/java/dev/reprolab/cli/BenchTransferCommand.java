package dev.reprolab.cli;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.remote.FileChannel;
import dev.reprolab.remote.Guest;
import dev.reprolab.remote.Sha256;
import dev.reprolab.remote.TransferPolicy;
import dev.reprolab.remote.WinRmGuest;
import dev.reprolab.report.bundle.PackBench;
import dev.reprolab.sim.smb.SambaShare;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab bench transfer}: MB/s and heap peak of each file channel on a simulated guest, with a stand-in update
 * package going up and a stand-in kernel dump coming back at realistic sizes (generated, streamed to disk, never
 * committed). The guest runs in the same JVM, so the heap peak covers both ends: the harness and the simulated
 * guest's PowerShell and WinRM service.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Benchmark the file channels on a simulated guest: a stand-in .msu up, a stand-in kernel dump back.")
public final class BenchTransferCommand implements Callable<Integer> {

    @Option(names = "--package", description = "size of the stand-in .msu sent to the guest (default 200m)")
    String packageSize = "200m";

    @Option(names = "--dump", description = "size of the stand-in MEMORY.DMP fetched from the guest (default 1g)")
    String dumpSize = "1g";

    @Option(names = "--winrm-size", description = "the WinRM channel moves this much each way instead (default 16m: at its rate the full sizes take many minutes)")
    String winrmSize = "16m";

    @Option(names = "--channels", split = ",", description = "channels to measure (default http,winrm,smb; smb needs Debian's samba, which stands in for the guest's C$ share)")
    List<String> channels = DEFAULT_CHANNELS;

    private static final List<String> DEFAULT_CHANNELS = List.of("http", "winrm", "smb");

    @Option(names = "--catalog", description = "the patch catalog the simulated lab reads (default vm-images/catalog.yaml)")
    Path catalog = Path.of("vm-images/catalog.yaml");

    @Option(names = "--dir", description = "scratch directory (default: a temporary one)")
    Path dir;

    record Row(String channel, String direction, long bytes, double seconds, long heapPeak) {
        double mbPerSecond() {
            return bytes / 1048576.0 / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<FileChannel> chosen = new ArrayList<>();
        for (String c : channels) {
            try {
                chosen.add(FileChannel.parse(c));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--channels: " + e.getMessage());
            }
        }
        if (chosen.contains(FileChannel.SMB) && !SambaShare.installed()) {
            if (channels == DEFAULT_CHANNELS) {
                System.err.println("lab bench transfer: smb left out: " + SambaShare.MISSING);
                chosen.remove(FileChannel.SMB);
            } else {
                throw new UsageException("--channels smb: " + SambaShare.MISSING);
            }
        }
        if (!Files.isRegularFile(catalog)) {
            throw new UsageException("--catalog " + catalog + ": not found (run from the project's root, or name the catalog)");
        }
        Path work = dir != null ? dir : Files.createTempDirectory("bench-transfer");
        List<Row> rows = new ArrayList<>();
        try (SimBackend sim = SimBackends.start(Catalog.load(catalog), 1, SimBackends.tempRoot(), false)) {
            String vm = sim.vms().get(0);
            GuestAddress a = sim.address(vm, Duration.ofMinutes(1));
            var guest = sim.lab().node(vm).orElseThrow().guest();
            for (FileChannel ch : chosen) {
                try (SambaShare smb = ch == FileChannel.SMB ? SambaShare.share(guest.file("C:\\"), a.credentials().username(),
                        a.credentials().password().reveal()) : null) {
                    rows.addAll(measure(ch, smb == null ? a : a.withPortForward(445, smb.port()), guest, work));
                }
            }
        } finally {
            if (dir == null) {
                // the stand-ins are hundreds of megabytes: a failed transfer must not leave them in the temporary folder
                deleteTree(work);
            }
        }
        print(rows);
        return 0;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }


    private List<Row> measure(FileChannel ch, GuestAddress a, dev.reprolab.sim.guest.SimGuest guest, Path work) throws Exception {
        List<Row> rows = new ArrayList<>();
        long up = BenchPackCommand.parseSize(ch == FileChannel.WINRM ? winrmSize : packageSize);
        long down = BenchPackCommand.parseSize(ch == FileChannel.WINRM ? winrmSize : dumpSize);
        Path msu = work.resolve("windows6.1-kb4338818-x64.msu");
        PackBench.dumpLike(msu, up, 7);
        // the stand-in dump is written straight onto the simulated guest's disk, as the crash would leave it
        Path onGuest = guest.file("C:\\Windows\\MEMORY.DMP");
        PackBench.dumpLike(onGuest, down, 11);
        TransferPolicy policy = new TransferPolicy(ch, Duration.ofMinutes(5), 64 * 1024, TransferPolicy.FileServer.AUTO);
        try (Guest g = new WinRmGuest(a)) {
            rows.add(measure(ch, "up (.msu)", up, () -> g.upload(msu, "C:\\lab\\updates\\" + msu.getFileName(), policy)));
            Path back = work.resolve("MEMORY.DMP");
            rows.add(measure(ch, "down (MEMORY.DMP)", down, () -> g.download("C:\\Windows\\MEMORY.DMP", back, policy)));
            if (!Sha256.of(back).equals(Sha256.of(onGuest))) {
                throw new IllegalStateException("the dump differs after the " + ch + " transfer");
            }
            Files.delete(back);
        }
        Files.delete(msu);
        Files.deleteIfExists(guest.file("C:\\lab\\updates\\" + msu.getFileName()));
        Files.delete(onGuest);
        return rows;
    }

    private static void print(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%-7s %-18s %12s %9s %10s %10s%n", "channel", "direction", "bytes", "seconds", "MB/s", "heap peak");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-7s %-18s %,12d %9.2f %10.1f %6d MiB%n", r.channel(), r.direction(), r.bytes(), r.seconds(),
                    r.mbPerSecond(), r.heapPeak() >> 20);
        }
        System.out.printf(Locale.ROOT, "heap max %d MiB; harness and simulated guest share the JVM; %d cores%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    }

    private static Row measure(FileChannel ch, String direction, long bytes, Runnable transfer) {
        System.gc();
        resetPeaks();
        long t0 = System.nanoTime();
        transfer.run();
        double s = (System.nanoTime() - t0) / 1e9;
        return new Row(ch.name().toLowerCase(Locale.ROOT), direction, bytes, s, PackBench.peakHeap());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                b.resetPeakUsage();
            }
        }
    }
}
