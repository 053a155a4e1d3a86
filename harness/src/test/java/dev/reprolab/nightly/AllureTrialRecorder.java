package dev.reprolab.nightly;

import dev.reprolab.trial.PatchSetPreparer;
import dev.reprolab.trial.PatchSetSpec;
import dev.reprolab.trial.StopCycle;
import dev.reprolab.trial.TrialRecorder;
import dev.reprolab.trial.TrialSpec;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns trial events into Allure steps of the running test case. Trials run on the VM pool's threads, not the
 * test's, so every step names its parent explicitly (the test case uuid, then the trial step) — attachments made
 * from those threads land in the right test, not in whichever test Allure thinks is current.
 */
final class AllureTrialRecorder implements TrialRecorder {

    private final AllureLifecycle allure;
    private final String testCase;
    private final Path runDir;
    private final Map<String, String> trialSteps = new ConcurrentHashMap<>();
    private final Map<String, String> phaseSteps = new ConcurrentHashMap<>();

    AllureTrialRecorder(AllureLifecycle allure, String testCase, Path runDir) {
        this.allure = allure;
        this.testCase = testCase;
        this.runDir = runDir;
    }

    @Override
    public void patchSetPrepared(String vm, PatchSetSpec spec, PatchSetPreparer.Prepared prepared) {
        String uuid = UUID.randomUUID().toString();
        allure.startStep(testCase, uuid, new StepResult().setName(vm + ": prepare golden checkpoint for " + spec.name()
                + " (" + String.join(" ", prepared.installed()) + ", tcpip.sys " + prepared.fileVersions().get("tcpip.sys") + ")"));
        allure.updateStep(uuid, s -> s.setStatus(Status.PASSED));
        allure.stopStep(uuid);
    }

    @Override
    public void trialStarted(TrialSpec t, String vm) {
        String uuid = UUID.randomUUID().toString();
        trialSteps.put(t.trialId(), uuid);
        allure.startStep(testCase, uuid, new StepResult().setName("trial " + t.trialId() + " on " + vm));
    }

    @Override
    public void phase(TrialSpec t, String phase) {
        String parent = trialSteps.get(t.trialId());
        if (parent == null) {
            return;
        }
        closePhase(t);
        String uuid = UUID.randomUUID().toString();
        phaseSteps.put(t.trialId(), uuid);
        allure.startStep(parent, uuid, new StepResult().setName(phase));
    }

    private void closePhase(TrialSpec t) {
        String open = phaseSteps.remove(t.trialId());
        if (open != null) {
            allure.updateStep(open, s -> s.setStatus(Status.PASSED));
            allure.stopStep(open);
        }
    }

    @Override
    public void trialFinished(TrialSpec t, String vm, StopCycle.Result r) {
        closePhase(t);
        String uuid = trialSteps.remove(t.trialId());
        if (uuid == null) {
            return;
        }
        Path dir = runDir.resolve("trials").resolve(t.trialId());
        dev.reprolab.windows.netstat.NetstatTimelineFile.find(dir).ifPresent(f -> addAttachment(uuid, "netstat timeline " + t.trialId(),
                "text/csv", "csv", dev.reprolab.windows.netstat.NetstatTimelineFile.text(f).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        attach(uuid, "sc log " + t.trialId(), "text/plain", "txt", dir.resolve("sc.log"));
        attach(uuid, "System log " + t.trialId(), "text/plain", "txt", dir.resolve("events-system.txt"));
        for (var l : r.triage().logs()) {
            // the debugger's whole output, so the step shows the stacks the hang signature was read from
            if (l.file() != null) {
                attach(uuid, "triage " + l.kind() + " log " + t.trialId(), "text/plain", "txt", dir.resolve(l.file()));
            }
        }
        if (!r.dumps().isEmpty()) {
            StringBuilder refs = new StringBuilder();
            r.dumps().forEach(d -> refs.append(d.kind()).append(' ').append(d.relativePath()).append(' ').append(d.bytes())
                    .append(" bytes sha256 ").append(d.sha256()).append(d.valid() ? " valid" : " INVALID " + d.problems()).append('\n'));
            allure.updateStep(uuid, s -> { });
            addAttachment(uuid, "dump references " + t.trialId(), "text/plain", "txt", refs.toString().getBytes());
        }
        allure.updateStep(uuid, s -> s.setName(s.getName() + ": " + r.outcome() + " — " + r.reason())
                .setStatus(switch (r.outcome()) {
                    case INFRA_ERROR -> Status.BROKEN;
                    default -> Status.PASSED;
                }));
        allure.stopStep(uuid);
    }

    private void attach(String step, String name, String type, String ext, Path file) {
        if (Files.isRegularFile(file)) {
            try {
                addAttachment(step, name, type, ext, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Adds an attachment to a given step (by uuid), whatever thread we are on. */
    private void addAttachment(String step, String name, String type, String ext, byte[] body) {
        String source = UUID.randomUUID() + "-attachment." + ext;
        allure.updateStep(step, s -> s.getAttachments().add(new io.qameta.allure.model.Attachment()
                .setName(name).setType(type).setSource(source)));
        allure.writeAttachment(source, new java.io.ByteArrayInputStream(body));
    }
}
