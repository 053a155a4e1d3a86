package dev.reprolab.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.journal.Outcome;
import dev.reprolab.triage.TriageSpec;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class SignatureVerdictTest {

    static Triage.Result with(String sig) {
        return new Triage.Result(List.of(new Triage.Log("live", "triage-live.log", sig, null, null, null, 0.5)));
    }

    static final Classifier.Classification HUNG = new Classifier.Classification(Outcome.HUNG, "STOP_PENDING");

    @Test
    public void theFirstSignatureOfARunIsItsBugAndAnotherIsItsOwnOutcome() {
        TriageSpec.SignatureBook book = new TriageSpec.SignatureBook(Optional.empty());
        assertEquals(SignatureVerdict.apply(HUNG, with("hang: a"), book).outcome(), Outcome.HUNG);
        Classifier.Classification other = SignatureVerdict.apply(HUNG, with("hang: b"), book);
        assertEquals(other.outcome(), Outcome.HUNG_OTHER);
        assertEquals(other.reason(), "a hang with another signature: hang: b (the run's bug: hang: a)");
        assertEquals(SignatureVerdict.apply(HUNG, with("hang: a"), book).outcome(), Outcome.HUNG);
        assertTrue(!Outcome.HUNG_OTHER.reproduces() && Outcome.HUNG_OTHER.counts());
    }

    @Test
    public void theScenariosSignatureWinsOverTheFirstSeen() {
        TriageSpec.SignatureBook book = new TriageSpec.SignatureBook(Optional.of("hang: a"));
        assertEquals(SignatureVerdict.apply(HUNG, with("hang: b"), book).outcome(), Outcome.HUNG_OTHER);
        assertEquals(SignatureVerdict.apply(HUNG, with("hang: a"), book).outcome(), Outcome.HUNG);
    }

    @Test
    public void aHangWithoutSignatureStaysAHangAndSaysWhy() {
        TriageSpec.SignatureBook book = new TriageSpec.SignatureBook(Optional.of("hang: a"));
        Triage.Result none = new Triage.Result(List.of(new Triage.Log("live", null, null, null, null, "no kd.exe in X", 0)));
        Classifier.Classification c = SignatureVerdict.apply(HUNG, none, book);
        assertEquals(c.outcome(), Outcome.HUNG);
        assertEquals(c.reason(), "STOP_PENDING; no hang signature (triage unavailable: live: no kd.exe in X)");
        // outcomes other than a hang are left alone
        Classifier.Classification clean = new Classifier.Classification(Outcome.STOPPED_CLEANLY, "ok");
        assertEquals(SignatureVerdict.apply(clean, with("hang: b"), book), clean);
    }

    @Test
    public void listenerLineOfTheSimulatedDebuggerIsRead() {
        Triage.Listener l = Triage.listener("Address          LocalAddress:Port      Pid   ReferenceCount (owner, leaked)\r\n"
                + "fffffa8005a05000 0.0.0.0:80              2404  0x36 (1, 0x35)\r\n", 80);
        assertEquals(l, new Triage.Listener(80, 0x36, 1, 0x35));
        assertEquals(Triage.listener("No export reprolab found\r\n", 80), null);
    }
}
