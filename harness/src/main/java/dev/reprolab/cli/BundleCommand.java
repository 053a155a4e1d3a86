package dev.reprolab.cli;

import dev.reprolab.report.bundle.BundleWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab bundle RUN_DIR --out FILE [--redact]}. */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Pack a run into one archive for a vendor case (.tar.zst or .zip).")
public final class BundleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "bundle file: .tar.zst (default choice) or .zip")
    Path out;

    @Option(names = "--redact", description = "replace host names and IP addresses consistently in text entries")
    boolean redact;

    @Option(names = "--split", paramLabel = "SIZE", description = "write volumes FILE.001, FILE.002, ... of at most SIZE "
            + "(e.g. 4g, 500m; k, m, g are powers of 1024) for upload limits; `cat FILE.0* > FILE` joins them")
    String split;

    /** {@code 4g}, {@code 500m}, {@code 64k} or plain bytes; at least 1 KiB. */
    static long size(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kmgKMG]?)").matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException("--split " + text + ": not a size (expected e.g. 4g, 500m, 64k)");
        }
        long n = Long.parseLong(m.group(1));
        long bytes = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
        if (bytes < 1024) {
            throw new UsageException("--split " + text + ": volumes must be at least 1k");
        }
        return bytes;
    }

    @Override
    public Integer call() {
        long volume = split == null ? 0 : size(split);
        BundleWriter.Written w = BundleWriter.write(runDir, out, redact, volume);
        System.out.println(w.file() + ": " + w.entries() + " entries, " + w.bytes() + " bytes before compression"
                + (volume > 0 ? ", " + w.volumes().size() + " volume(s): " + w.volumes().get(0).getFileName() + " ... "
                        + w.volumes().get(w.volumes().size() - 1).getFileName() : ""));
        return 0;
    }
}
