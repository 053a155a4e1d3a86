package dev.reprolab.trial;

import dev.reprolab.triage.TriageSpec;
import dev.reprolab.journal.Outcome;

/**
 * A hang counts as the run's bug only when its signature is the run's (the scenario's {@code expectSignature}, else
 * the first one the run saw): a hang with another signature is {@link Outcome#HUNG_OTHER}, in runs and in the
 * bisect's oracle alike. A hang whose triage found no signature (unavailable, or no thread waiting in a driver)
 * stays a hang: without the stacks nothing tells it apart.
 */
public final class SignatureVerdict {

    private SignatureVerdict() {
    }

    public static Classifier.Classification apply(Classifier.Classification c, Triage.Result triage, TriageSpec.SignatureBook book) {
        if (c.outcome() != Outcome.HUNG) {
            return c;
        }
        if (triage.signature().isEmpty()) {
            String why = triage.unavailable().isEmpty() ? "no thread of the process waits in a driver"
                    : String.join("; ", triage.unavailable());
            return new Classifier.Classification(c.outcome(), c.reason() + "; no hang signature (triage unavailable: " + why + ")");
        }
        String sig = triage.signature().get();
        String expected = book.expect(sig);
        if (sig.equals(expected)) {
            return new Classifier.Classification(c.outcome(), c.reason() + "; " + sig);
        }
        return new Classifier.Classification(Outcome.HUNG_OTHER, "a hang with another signature: " + sig
                + " (the run's bug: " + expected + ")");
    }
}
