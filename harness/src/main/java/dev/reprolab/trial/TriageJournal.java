package dev.reprolab.trial;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The triage's part of a trial-finished journal event: signature, bucket, listener numbers, every debugger run. */
public final class TriageJournal {

    private TriageJournal() {
    }

    public static void put(ObjectNode e, StopCycle.Result r, String trialPrefix) {
        e.put("enumerations", r.enumerations());
        r.poll().ifPresent(p -> {
            // the interval that really ran, from the guest's stamps: the dose a trial got, next to the one asked for
            ObjectNode o = e.putObject("pollInterval");
            o.put("targetMs", p.target().toMillis());
            o.put("samples", p.samples());
            o.put("medianMs", p.median().toMillis());
            o.put("meanMs", p.mean().toMillis());
            o.put("p95Ms", p.p95().toMillis());
            o.put("maxMs", p.max().toMillis());
        });
        Triage.Result t = r.triage();
        if (t.logs().isEmpty()) {
            return;
        }
        t.signature().ifPresentOrElse(s -> e.put("signature", s), () -> e.putNull("signature"));
        t.bucket().ifPresent(b -> e.put("bucket", b));
        ObjectNode o = e.putObject("triage");
        o.put("seconds", t.seconds());
        t.listener().ifPresent(l -> {
            ObjectNode x = o.putObject("listener");
            x.put("port", l.port());
            x.put("references", l.references());
            x.put("owner", l.owner());
            x.put("leaked", l.leaked());
        });
        for (Triage.Log l : t.logs()) {
            ObjectNode x = o.withArray("logs").addObject();
            x.put("kind", l.kind());
            if (l.file() != null) {
                x.put("file", trialPrefix + l.file());
            }
            if (l.signature() != null) {
                x.put("signature", l.signature());
            }
            if (l.bucket() != null) {
                x.put("bucket", l.bucket());
            }
            if (l.unavailable() != null) {
                x.put("unavailable", "triage unavailable: " + l.unavailable());
            }
            x.put("seconds", l.seconds());
        }
    }
}
