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

    @Override
    public Integer call() {
        BundleWriter.Written w = BundleWriter.write(runDir, out, redact);
        System.out.println(w.file() + ": " + w.entries() + " entries, " + w.bytes() + " bytes before compression");
        return 0;
    }
}
