package dev.reprolab.cli;

import dev.reprolab.report.bundle.BundleVerifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lab verify FILE}: 0 intact, 1 something missing or altered. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every entry of a bundle against its manifest.")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE")
    Path bundle;

    @Override
    public Integer call() {
        BundleVerifier.Report r = BundleVerifier.verify(bundle);
        r.problems().forEach(p -> System.out.println("FAIL " + p));
        System.out.println(r.ok() ? "OK " + bundle + ": " + r.entries() + " entries match the manifest" : "FAILED " + bundle);
        return r.ok() ? 0 : 1;
    }
}
