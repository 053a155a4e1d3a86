package dev.reprolab.journal;

import dev.reprolab.windows.dump.DumpKind;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.reprolab.remote.Secret;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class JournalTest {

    private static TrialFinished finished(String id) {
        return new TrialFinished(id, "june-2018", "netstat=200ms", Map.of("netstat", "200ms"), "lab-01", Outcome.STOPPED_CLEANLY,
                "stopped in 2 s", 2100, List.of("trials/" + id + "/netstat.csv"));
    }

    @Test
    public void aTornLastLineIsSkippedAndTheNextAppendStartsCleanly() throws Exception {
        Path dir = Files.createTempDirectory("run");
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append(finished("a"));
        }
        Files.writeString(dir.resolve(Journal.FILE), "{\"ts\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(Journal.read(dir).size(), 1);
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append(finished("b"));
        }
        assertEquals(Journal.events(dir, TrialFinished.class).stream().map(TrialFinished::trialId).toList(), List.of("a", "b"));
    }

    @Test
    public void secretsAreMaskedOnTheWayIn() throws Exception {
        Secret s = Secret.of("canary-" + System.nanoTime());
        Path dir = Files.createTempDirectory("run");
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append(new TrialFinished("t", "p", "c", Map.of(), "lab-01", Outcome.INFRA_ERROR, "logon with " + s.reveal() + " failed", 0,
                    List.of()));
        }
        assertFalse(Files.readString(dir.resolve(Journal.FILE)).contains(s.reveal()));
    }

    /** A password with a quote or a backslash is escaped in the JSON line: masking the encoded line would miss it. */
    @Test
    public void aSecretThatJsonEscapesIsMaskedToo() throws Exception {
        Secret s = Secret.of("Pa\"ss\\w0rd-" + System.nanoTime());
        Path dir = Files.createTempDirectory("run");
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            j.append(new TrialFinished("t", "p", "c", Map.of("step", "net use /user:lab " + s.reveal()), "lab-01", Outcome.INFRA_ERROR,
                    "logon with " + s.reveal() + " failed", 0, List.of()));
        }
        TrialFinished back = Journal.events(dir, TrialFinished.class).get(0);
        assertFalse(back.reason().contains(s.reveal()), back.reason());
        assertFalse(back.factors().get("step").contains(s.reveal()), back.factors().toString());
        assertTrue(back.reason().contains(dev.reprolab.remote.SecretMasker.MASK), back.reason());
    }

    /** Every permitted event type survives a write and a read as itself: its wire name is registered and unique. */
    @Test
    public void everyEventKindRoundTripsThroughTheCodec() throws Exception {
        List<String> names = new ArrayList<>();
        for (Class<?> c : JournalEvent.class.getPermittedSubclasses()) {
            JournalEvent e = sample(c);
            String line = JournalCodec.encode(Instant.parse("2026-11-25T03:00:00Z"), e);
            JournalEntry back = JournalCodec.decode(line).orElseThrow(() -> new AssertionError(c + " did not read back: " + line));
            assertEquals(back.event(), e, line);
            assertEquals(back.ts(), Instant.parse("2026-11-25T03:00:00Z"));
            assertTrue(line.startsWith("{\"ts\":\"2026-11-25T03:00:00Z\",\"type\":\"" + JournalCodec.typeName(c.asSubclass(JournalEvent.class))
                    + "\""), line);
            names.add(JournalCodec.typeName(c.asSubclass(JournalEvent.class)));
        }
        assertEquals(names.stream().distinct().count(), (long) names.size(), "wire names are unique: " + names);
        assertTrue(names.containsAll(List.of("run-started", "run-resumed", "run-finished", "patchset-prepared", "trial-started",
                "trial-finished", "dump-captured", "bisect-started", "bisect-step", "bisect-finished")), names.toString());
    }

    /** A record with every component set to a non-default value of its type. */
    private static JournalEvent sample(Class<?> c) throws Exception {
        RecordComponent[] rc = c.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            Class<?> t = rc[i].getType();
            types[i] = t;
            args[i] = t == String.class ? "v" + i : t == int.class ? i + 1 : t == long.class ? (long) i + 100
                    : t == double.class || t == Double.class ? i + 0.5 : t == boolean.class ? true
                    : t == List.class ? List.of("x" + i) : t == Map.class ? Map.of("k" + i, "v" + i)
                    : t == Outcome.class ? Outcome.HUNG : t == Integer.class ? i + 1 : t == DumpKind.class ? DumpKind.KERNEL
                    : t == PollInterval.class ? new PollInterval(200, 9, 210 + i, 220, 260, 400, 1)
                    : t == ClockOffset.class ? new ClockOffset(-3_600_000L + i, 2, "2026-12-02T03:00:0" + (i % 10) + "Z") : t == TrialTriage.class ? new TrialTriage(i + 0.25, new TrialTriage.Listener(80, 0x36, 1, 0x35),
                            List.of(new TrialTriage.Log("live", "f" + i, "s" + i, "b" + i, "u" + i, 0.5))) : null;
            if (args[i] == null) {
                throw new AssertionError(c + "." + rc[i].getName() + ": no sample for " + t);
            }
        }
        Constructor<?> k = c.getDeclaredConstructor(types);
        return (JournalEvent) k.newInstance(args);
    }

    /** A dump's kind is a type in the harness and the same word on disk: old lines read, and write back byte for byte. */
    @Test
    public void dumpLinesKeepTheirKindWord() {
        for (String kind : List.of("process", "kernel")) {
            String line = "{\"ts\":\"2026-11-25T03:02:30Z\",\"type\":\"dump-captured\",\"trialId\":\"t-hung\",\"patchSet\":\"bad\",\"kind\":\""
                    + kind + "\",\"path\":\"trials/t-hung/d.dmp\",\"bytes\":1048576,\"sha256\":\"ab\",\"valid\":true,\"problems\":[]}";
            JournalEntry e = JournalCodec.decode(line).orElseThrow();
            DumpCaptured d = (DumpCaptured) e.event();
            assertEquals(d.kind(), kind.equals("kernel") ? DumpKind.KERNEL : DumpKind.PROCESS);
            assertEquals(d.kernel(), kind.equals("kernel"));
            assertEquals(JournalCodec.encode(e.ts(), d), line);
        }
    }

    /** A journal from before the events were typed: a bisect's trial-finished had its level but no factors or duration. */
    @Test
    public void oldJournalLinesStillRead() {
        String bisect = "{\"ts\":\"2026-11-20T10:00:00Z\",\"type\":\"trial-finished\",\"trialId\":\"bisect.001.L00-base\","
                + "\"patchSet\":\"L00-base\",\"cell\":\"bisect\",\"level\":\"base\",\"guest\":\"lab-01\",\"outcome\":\"HUNG\",\"reason\":\"r\"}";
        TrialFinished t = (TrialFinished) JournalCodec.decode(bisect).orElseThrow().event();
        assertEquals(t.bisectLevel().orElseThrow(), "base");
        assertEquals(t.durationMs(), 0);
        assertEquals(t.artifacts(), List.of());
        assertEquals(t.outcome(), Outcome.HUNG);
        String started = "{\"ts\":\"2026-11-20T10:00:00Z\",\"type\":\"bisect-started\",\"mode\":\"CAUSE\",\"from\":\"base\",\"to\":\"KB1\","
                + "\"confidence\":0.95}";
        BisectStarted b = (BisectStarted) JournalCodec.decode(started).orElseThrow().event();
        assertEquals(b.rateAlpha(), null, "a journal from before the prior was kept has none");
    }

    /**
     * Lines as the harness wrote them before the events were records (built field by field), so that a run or bisect
     * started then resumes now: triage fields with a null signature, a bisect's level outside its factors, the pool
     * bisect's vms and infrastructure stop, a bisect's preparation with only its installed KBs.
     */
    @Test
    public void journalsOfTheFieldByFieldWriterStillRead() {
        String hung = "{\"ts\":\"2026-11-30T10:00:00Z\",\"type\":\"trial-finished\",\"trialId\":\"bisect.004.L03-KB4338818\","
                + "\"patchSet\":\"L03-KB4338818\",\"cell\":\"bisect\",\"level\":\"KB4338818\",\"guest\":\"lab-1\",\"outcome\":\"HUNG\","
                + "\"reason\":\"r\",\"durationMs\":61000,\"enumerations\":57,\"signature\":null,\"bucket\":\"AV_myfault!unknown_function\","
                + "\"triage\":{\"seconds\":3.5,\"listener\":{\"port\":80,\"references\":54,\"owner\":1,\"leaked\":53},"
                + "\"logs\":[{\"kind\":\"live\",\"unavailable\":\"triage unavailable: no kd.exe\",\"seconds\":0.1},"
                + "{\"kind\":\"kernel\",\"file\":\"trials/bisect.004.L03-KB4338818/triage-kernel.log\",\"bucket\":\"AV_myfault!unknown_function\",\"seconds\":3.4}]}}";
        TrialFinished t = (TrialFinished) JournalCodec.decode(hung).orElseThrow().event();
        assertEquals(t.bisectLevel().orElseThrow(), "KB4338818");
        assertEquals(t.durationMs(), 61000);
        assertEquals(t.enumerations(), 57);
        assertEquals(t.signature(), null);
        assertEquals(t.bucket(), "AV_myfault!unknown_function");
        assertEquals(t.triage().listener(), new TrialTriage.Listener(80, 54, 1, 53));
        assertEquals(t.triageLogs().get(0).unavailable(), "triage unavailable: no kd.exe");
        assertEquals(t.triageLogs().get(1).file(), "trials/bisect.004.L03-KB4338818/triage-kernel.log");
        assertTrue(t.hung());
        String started = "{\"ts\":\"2026-11-30T10:00:00Z\",\"type\":\"bisect-started\",\"mode\":\"CAUSE\",\"from\":\"KB4093118\","
                + "\"to\":\"KB4338818\",\"confidence\":0.95,\"rateAlpha\":15.0,\"rateBeta\":8.0,\"maxInfra\":3,\"vms\":[\"lab-0\",\"lab-1\"]}";
        BisectStarted b = (BisectStarted) JournalCodec.decode(started).orElseThrow().event();
        assertEquals(b.rateAlpha(), 15.0);
        assertEquals(b.vms(), List.of("lab-0", "lab-1"));
        assertEquals(b.maxInfra(), Integer.valueOf(3));
        String end = "{\"ts\":\"2026-11-30T10:00:00Z\",\"type\":\"bisect-finished\",\"level\":\"KB4338818\",\"probability\":0.4,"
                + "\"decided\":false,\"trials\":9,\"infrastructure\":\"lab-0 did not answer\"}";
        assertEquals(((BisectFinished) JournalCodec.decode(end).orElseThrow().event()).infrastructure(), "lab-0 did not answer");
        String trialStarted = "{\"ts\":\"2026-11-30T10:00:00Z\",\"type\":\"trial-started\",\"trialId\":\"bisect.004.L03-KB4338818\","
                + "\"patchSet\":\"L03-KB4338818\",\"level\":\"KB4338818\",\"guest\":\"lab-1\"}";
        assertEquals(((TrialStarted) JournalCodec.decode(trialStarted).orElseThrow().event()).guest(), "lab-1");
        String prepared = "{\"ts\":\"2026-11-30T10:00:00Z\",\"type\":\"patchset-prepared\",\"patchSet\":\"L03-KB4338818\",\"vm\":\"lab-1\","
                + "\"installed\":[\"KB4338818\"]}";
        PatchSetPrepared p = (PatchSetPrepared) JournalCodec.decode(prepared).orElseThrow().event();
        assertEquals(p.installed(), List.of("KB4338818"));
        assertEquals(p.kbs(), List.of());
    }

    @Test
    public void anOutcomeFromANewerHarnessReadsAsNoOutcome() {
        String line = "{\"ts\":\"2026-11-30T10:00:00Z\",\"type\":\"trial-finished\",\"trialId\":\"t\",\"outcome\":\"SOMETHING_NEW\"}";
        assertEquals(((TrialFinished) JournalCodec.decode(line).orElseThrow().event()).outcome(), null);
    }

    @Test
    public void anUnknownTypeOrAGarbledLineIsSkipped() {
        assertTrue(JournalCodec.decode("{\"ts\":\"2026-11-20T10:00:00Z\",\"type\":\"from-a-newer-harness\",\"x\":1}").isEmpty());
        assertTrue(JournalCodec.decode("{\"ts\":\"2026-11-20T10:00:00Z\"}").isEmpty());
        assertTrue(JournalCodec.decode("not json").isEmpty());
        assertTrue(JournalCodec.decode("").isEmpty());
    }
}
