package dev.reprolab.cli;

import dev.reprolab.remote.SecretMasker;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What the CLI prints when our own code failed (a NullPointerException, an IllegalStateException...): the stack
 * trace, masked like every log line, then one last line that says it is a bug, so nobody mistakes it for a flaky
 * lab and reruns. Exit code {@link Main#EXIT_BUG}.
 */
final class BugReport {

    private BugReport() {
    }

    static int print(Throwable bug, PrintWriter err) {
        StringWriter trace = new StringWriter();
        bug.printStackTrace(new PrintWriter(trace));
        err.print(SecretMasker.mask(trace.toString()));
        err.println("lab: bug in the harness (not a lab failure): " + SecretMasker.mask(bug.toString())
                + " — the stack trace is above; a killed run resumes with --resume once it is fixed");
        err.flush();
        return Main.EXIT_BUG;
    }
}
