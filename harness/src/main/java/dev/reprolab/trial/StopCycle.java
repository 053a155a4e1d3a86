package dev.reprolab.trial;

import dev.reprolab.time.Ticker;
import dev.reprolab.time.Poll;
import dev.reprolab.time.Deadline;
import dev.reprolab.windows.dump.DumpKind;
import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.windows.netstat.TcpState;

import dev.reprolab.journal.Outcome;
import dev.reprolab.remote.GuestAddress;
import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.reprolab.workload.Hook;
import dev.reprolab.workload.ReproducedWhen;
import dev.reprolab.workload.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stop cycle on a guest restored to its golden checkpoint: start the service, wait until the port listens,
 * drive HTTP load while netstat polls, stop the service, watch it until it stops or the deadline passes, and
 * classify what was seen. Evidence (sc log, netstat timeline, dumps, System log) lands in the trial's directory.
 *
 * <p>Transport failures become {@link Outcome#INFRA_ERROR}: a trial whose lab failed says nothing about the patch level.
 */
public final class StopCycle {

    private static final Logger LOG = LoggerFactory.getLogger(StopCycle.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final Guest guest;
    private final GuestAddress address;
    private final TrialSpec spec;
    private final Path dir;
    private final Clock clock;
    private GuestEvidence evidence;
    private java.util.function.Consumer<String> phase = p -> { };
    private java.util.function.Consumer<StepResult> stepRecorder = r -> { };

    public StopCycle(Guest guest, GuestAddress address, TrialSpec spec, Path trialDir, Clock clock) {
        this.guest = guest;
        this.address = address;
        this.spec = spec;
        this.dir = trialDir;
        this.clock = clock;
        this.evidence = new GuestEvidence(guest, spec.commandDeadline(), trialDir);
    }

    /** How evidence (process and kernel dumps) comes back from the guest: the scenario's {@code lab.fileChannel}. */
    public StopCycle files(dev.reprolab.remote.TransferPolicy transfers) {
        this.evidence = new GuestEvidence(guest, spec.commandDeadline(), dir, transfers);
        return this;
    }

    /** Where phase changes go (reports draw steps from them). */
    public StopCycle phases(java.util.function.Consumer<String> phases) {
        this.phase = phases;
        return this;
    }

    /** Where the scenario's steps report (the journal). */
    public StopCycle steps(java.util.function.Consumer<StepResult> recorder) {
        this.stepRecorder = recorder;
        return this;
    }

    /** What the trial came to, with the files it left (relative to the run directory's trial dir). */
    public record Result(Outcome outcome, String reason, Duration elapsed, List<String> artifacts,
                         List<GuestEvidence.Dump> dumps, Triage.Result triage, int enumerations, Optional<PollInterval> poll,
                         TrialClock clock) {
        public Result(Outcome outcome, String reason, Duration elapsed, List<String> artifacts, List<GuestEvidence.Dump> dumps,
                      Triage.Result triage, int enumerations, Optional<PollInterval> poll) {
            this(outcome, reason, elapsed, artifacts, dumps, triage, enumerations, poll, TrialClock.UNMEASURED);
        }

        public Result(Outcome outcome, String reason, Duration elapsed, List<String> artifacts, List<GuestEvidence.Dump> dumps) {
            this(outcome, reason, elapsed, artifacts, dumps, Triage.Result.NONE, 0);
        }

        public Result(Outcome outcome, String reason, Duration elapsed, List<String> artifacts, List<GuestEvidence.Dump> dumps,
                      Triage.Result triage, int enumerations) {
            this(outcome, reason, elapsed, artifacts, dumps, triage, enumerations, Optional.empty());
        }
    }

    public Result run() {
        Instant started = clock.instant();
        List<String> artifacts = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Result r = cycle(started, artifacts);
            return r;
        } catch (LabException e) {
            LOG.warn("trial {} on {}: infrastructure error: {}", spec.trialId(), guest.name(), e.getMessage());
            return new Result(Outcome.INFRA_ERROR, e.getMessage(), Duration.between(started, clock.instant()),
                    artifacts, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result cycle(Instant started, List<String> artifacts) throws IOException {
        Workload w = spec.plan().workload();
        Hooks hooks = new Hooks(new StepRunner(guest, spec.commandDeadline(), stepRecorder), spec.plan(), dir, artifacts,
                "trial " + spec.trialId() + " on " + guest.name());
        Path scLog = dir.resolve("sc.log");
        artifacts.add("sc.log");
        ServiceWatch watch = new ServiceWatch(guest, spec.serviceName(), spec.commandDeadline(), scLog, clock);
        // a guest that reboots mid-cycle (a crash, an update, someone's shutdown /r) says nothing about the patch level:
        // its uptime, read now and again before classifying, tells such a trial apart (not its boot time: a clock
        // stepped by time sync after a memory restore moves the reported boot time)
        dev.reprolab.remote.BootMark bootedAt = guest.bootMark(spec.commandDeadline());
        // the guest's stamps (netstat, event log) go on the controller's timeline by this offset, measured again at
        // the end: a memory restore leaves the guest's clock behind by the checkpoint's age until time sync steps it
        Optional<ClockOffset> clockAtStart = ClockOffset.measure(guest, clock, spec.commandDeadline());

        hooks.run(Hook.BEFORE_TRIAL);
        phase.accept("start " + spec.serviceName());
        CommandResult start = guest.run(w.startCommand(), spec.commandDeadline());
        watch.log(w.startCommand(), start);
        if (start.exitCode() != 0 && start.exitCode() != 1056) {
            return new Result(Outcome.OTHER_FAILURE, "service did not start: exit " + start.exitCode() + " "
                    + firstLine(start.stdout()), Duration.between(started, clock.instant()), artifacts, List.of());
        }
        phase.accept("wait for port " + spec.port() + " LISTENING");
        if (!waited(Poll.every(Duration.ofMillis(250)), Deadline.in(spec.stopDeadline()),
                () -> NetstatTimeline.listening(evidence.netstat(), spec.port()), "port " + spec.port() + " LISTENING")) {
            return new Result(Outcome.OTHER_FAILURE, "port " + spec.port() + " never listened within "
                    + spec.stopDeadline(), Duration.between(started, clock.instant()), artifacts, List.of());
        }

        hooks.run(Hook.AFTER_START);
        phase.accept("load " + spec.loadClients() + " clients, netstat " + spec.netstatInterval().map(Object::toString).orElse("off"));
        Optional<NetstatPoller> poller = spec.netstatInterval().map(i ->
                new NetstatPoller(guest, i, spec.warmup().plus(spec.stopDeadline()).plusSeconds(30), clock).start());
        Optional<LoadDriver> load = spec.loadClients() <= 0 ? Optional.empty() : Optional.of(w.load().kind() == Workload.Load.Kind.TCP
                ? new TcpChurn(address.host(), address.reachablePort(spec.port()), spec.loadClients(), spec.loadRatePerClient(),
                        Duration.ofSeconds(5)).start()
                : new HttpLoad(address.host(), address.reachablePort(spec.port()), w.load().path(), spec.loadClients(),
                        spec.loadRatePerClient(), Duration.ofSeconds(5)).start());
        Instant stopIssued;
        List<Long> checkpoints = new ArrayList<>();
        ServiceWatch.Sample last;
        try {
            // Load and polling must both be under way before the stop: at least the warmup, and at least one answered
            // request and one snapshot, so that a stop is always issued into churn that is really happening.
            Deadline underWay = Deadline.in(spec.warmup().plus(spec.stopDeadline()));
            pause(spec.warmup());
            if (!waited(Poll.every(Duration.ofMillis(100)), underWay, () -> load.map(l -> l.succeeded() > 0).orElse(true)
                    && poller.map(p -> !p.snapshots().isEmpty() || p.failure() != null).orElse(true), "load and polling under way")) {
                // either way the stop would be issued into no churn: such a trial says nothing about the patch level
                // (counted as "did not reproduce" it would turn a firewalled lab into a false "does not reproduce")
                String why = load.isPresent() && load.get().succeeded() == 0
                        ? (w instanceof Workload.Apache ? "Apache" : w.serviceName()) + (w.load().kind() == Workload.Load.Kind.TCP
                        ? " accepted no connection (" : " answered no request (") + load.get().failed() + " failed; is TCP "
                        + spec.port() + " open in the guest's firewall?)"
                        : "the netstat poller produced no snapshot";
                return new Result(Outcome.INFRA_ERROR, why + " within " + spec.warmup().plus(spec.stopDeadline()),
                        Duration.between(started, clock.instant()), artifacts, List.of());
            }
            hooks.run(Hook.BEFORE_STOP);
            phase.accept("stop, deadline " + spec.stopDeadline());
            stopIssued = clock.instant();
            // net stop and iisreset wait for the stop themselves: their deadline covers the stop deadline too
            CommandResult stop = guest.run(w.stopCommand(), w.stopCommand().startsWith("sc ") ? spec.commandDeadline()
                    : spec.commandDeadline().plus(spec.stopDeadline()));
            watch.log(w.stopCommand(), stop);
            last = watch.untilStoppedOr(spec.stopDeadline(), SAMPLE_EVERY, checkpoints);
        } finally {
            load.ifPresent(LoadDriver::close);
            poller.ifPresent(NetstatPoller::close);
        }
        if (poller.isPresent()) {
            NetstatPoller p = poller.get();
            if (p.bug() != null) {
                throw p.bug();
            }
            if (p.failure() != null && p.snapshots().isEmpty()) {
                throw new LabException("netstat poller failed on " + guest.name() + ": " + p.failure().getMessage());
            }
        }
        Optional<ClockOffset> clockAtEnd = ClockOffset.measure(guest, clock, spec.commandDeadline());
        TrialClock trialClock = new TrialClock(clockAtStart, clockAtEnd);
        if (trialClock.stepped()) {
            LOG.info("trial {} on {}: the guest's clock was stepped during the trial ({})", spec.trialId(), guest.name(), trialClock);
        }
        Optional<PollInterval> achieved = poller.flatMap(p -> PollInterval.of(spec.netstatInterval().orElseThrow(), p.snapshots(), trialClock));
        if (poller.isPresent()) {
            artifacts.add(NetstatTimeline.write(dir, poller.get().snapshots(), spec.port(), started, trialClock));
        }
        Files.writeString(dir.resolve("timing.txt"), "started=" + started + "\nstopIssued=" + stopIssued
                + "\nstopDeadline=" + spec.stopDeadline() + "\nload=" + load.map(l -> l.succeeded() + " ok, "
                + l.failed() + " failed").orElse("off") + "\n" + clockLine("clockAtStart", clockAtStart) + clockLine("clockAtEnd", clockAtEnd)
                + achieved.map(a -> "netstatInterval=" + a.target().toMillis() + "ms achieved median " + a.median().toMillis()
                + "ms, p95 " + a.p95().toMillis() + "ms, max " + a.max().toMillis() + "ms over " + a.samples() + " gaps"
                + (a.excluded() > 0 ? " (" + a.excluded() + " across a step of the guest's clock left out)" : "") + "\n").orElse(""),
                StandardCharsets.UTF_8);
        artifacts.add("timing.txt");

        hooks.run(Hook.OBSERVE);
        phase.accept("classify");
        dev.reprolab.remote.BootMark bootNow = guest.bootMark(spec.commandDeadline());
        if (bootedAt.rebootedBy(bootNow)) {
            throw new LabException(guest.name() + " rebooted during the trial (" + bootedAt + " at the start, " + bootNow + " now)");
        }
        List<Integer> servicePid = last.pid() > 0 ? List.of(last.pid()) : List.of();
        List<Integer> alive = evidence.pids(w.images(), servicePid);
        boolean aliveAfterKill = false;
        EvidenceNotes notes = new EvidenceNotes(dir);
        List<GuestEvidence.Dump> dumps = new ArrayList<>();
        if (last.state() != ServiceState.STOPPED && !alive.isEmpty()) {
            // dump before the kill: after taskkill the dump shows a process being torn down, not the hung threads
            if (spec.procdumpOnHang()) {
                phase.accept("dump before the kill");
                List<dev.reprolab.windows.netstat.NetstatRow> before = notes.capture("netstat before the dump", evidence::netstat)
                        .orElse(List.of());
                int pid = dumpTarget(alive, servicePid, before, spec.port());
                notes.capture("process dump of " + pid, () -> evidence.procdump(pid,
                        evidence.image(pid).orElse(w.images().isEmpty() ? "process" : w.images().get(0)))).ifPresent(dumps::add);
            }
            for (int pid : alive) {
                CommandResult kill = guest.run("taskkill /f /pid " + pid, spec.commandDeadline());
                watch.log("taskkill /f /pid " + pid, kill);
            }
            aliveAfterKill = !Unkillable.goneWithin(() -> evidence.pids(w.images(), servicePid).isEmpty(), Unkillable.GRACE);
        }
        List<dev.reprolab.windows.netstat.NetstatRow> table = evidence.netstat();
        boolean listening = NetstatTimeline.listening(table, spec.port());
        Classifier.Observation observation = new Classifier.Observation(last.state(), checkpoints, !alive.isEmpty(),
                aliveAfterKill, listening, null);
        Classifier.Classification physical = Classifier.classify(observation,
                w instanceof Workload.Apache ? "httpd.exe" : w.serviceName() + "'s process");
        Optional<String> restartError = Optional.empty();
        if (spec.plan().reproducedWhen().mentions(ReproducedWhen.Condition.RESTART_FAILS)) {
            phase.accept("restart " + spec.serviceName());
            restartError = new Restart(guest, watch, spec.commandDeadline()).attempt(w, spec.stopDeadline(), dir);
            artifacts.add("restart.txt");
        }
        Classifier.Classification c = ReproRule.apply(spec.plan().reproducedWhen(), physical, observation,
                new ReproRule.Extra(restartError, hooks.failed()));

        // the outcome is decided above and returned whatever the evidence below costs: each piece has its own guard
        Triage.Result triaged = Triage.Result.NONE;
        if (c.outcome().reproduces()) {
            phase.accept("capture evidence and dumps");
            notes.capture("System log", () -> evidence.systemLog("events-system.txt")).ifPresent(artifacts::add);
            String image = w.images().isEmpty() ? "process" : w.images().get(0);
            Triage triage = new Triage(guest, spec.triage(), dir, spec.commandDeadline(), clock);
            phase.accept("triage: live kernel stacks of " + image);
            triaged = triaged.plus(triage.live(image, spec.port()));
            for (GuestEvidence.Dump d : List.copyOf(dumps)) {
                if (d.kind() == DumpKind.PROCESS) {
                    phase.accept("triage: user dump");
                    triaged = triaged.plus(triage.user(GuestEvidence.DUMP_DIR + "\\" + d.relativePath(), image, spec.port()));
                }
            }
            if (spec.kernelDumpOnHang()) {
                Optional<GuestEvidence.Dump> kernel = notes.capture("kernel dump", () -> evidence.kernelDump(spec.bootDeadline()));
                kernel.ifPresent(dumps::add);
                if (kernel.isPresent()) {
                    phase.accept("triage: kernel dump");
                    triaged = triaged.plus(triage.kernel(image, spec.port()));
                }
            }
            triaged.logs().stream().filter(l -> l.file() != null).forEach(l -> artifacts.add(l.file()));
            c = SignatureVerdict.apply(c, triaged, spec.triage().book());
        }
        dumps.forEach(d -> artifacts.add(d.relativePath()));
        if (notes.any()) {
            artifacts.add(EvidenceNotes.FILE);
        }
        // the harness's own connection-table enumerations during the trial (each netstat snapshot walks the table once)
        int enumerations = poller.map(p -> p.snapshots().size()).orElse(0);
        return new Result(c.outcome(), c.reason(), Duration.between(started, clock.instant()), artifacts, dumps, triaged,
                enumerations, achieved, trialClock);
    }

    /**
     * Whose memory shows the hang: the watched process that owns the listener (httpd's child), else the service's own
     * process (svchost.exe -k iissvcs for W3SVC, whose listener belongs to HTTP.sys in the kernel), else the last one.
     */
    static int dumpTarget(List<Integer> alive, List<Integer> servicePid, List<dev.reprolab.windows.netstat.NetstatRow> table, int port) {
        for (var r : table) {
            if (r.localPort() == port && r.state() == TcpState.LISTENING && alive.contains(r.pid())) {
                return r.pid();
            }
        }
        return servicePid.stream().filter(alive::contains).findFirst().orElse(alive.get(alive.size() - 1));
    }

    /** Whether {@code holds} came true by {@code deadline}; an interrupt (the trial cancelled) ends the trial as the lab's. */
    private boolean waited(Poll pace, Deadline deadline, java.util.function.BooleanSupplier holds, String what) {
        try {
            return pace.within(deadline, d -> holds.getAsBoolean() ? Poll.Attempt.done(true) : Poll.Attempt.notYet(what)).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(guest.name() + ": interrupted while waiting for " + what);
        }
    }

    /** The warmup: load and polling run before the stop is issued, whatever they show early. */
    private void pause(Duration d) {
        try {
            Ticker.SYSTEM.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(guest.name() + ": interrupted in the warmup");
        }
    }

    /** {@code name=offsetMs,errorMs,measuredAt} (guest minus controller), or nothing when it was not measured. */
    private static String clockLine(String name, Optional<ClockOffset> o) {
        return o.map(c -> name + "=" + c.offset().toMillis() + "," + c.error().toMillis() + "," + c.measuredAt() + "\n").orElse("");
    }

    static String lastLine(String s) {
        List<String> l = s.strip().lines().filter(x -> !x.isBlank()).toList();
        return l.isEmpty() ? "" : l.get(l.size() - 1).strip();
    }

    static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
