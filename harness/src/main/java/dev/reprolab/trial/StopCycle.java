package dev.reprolab.trial;

import static org.awaitility.Awaitility.await;

import dev.reprolab.journal.Outcome;
import dev.reprolab.lab.GuestAddress;
import dev.reprolab.lab.LabException;
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
import org.awaitility.core.ConditionTimeoutException;
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
    private final GuestEvidence evidence;
    private java.util.function.Consumer<String> phase = p -> { };

    public StopCycle(Guest guest, GuestAddress address, TrialSpec spec, Path trialDir, Clock clock) {
        this.guest = guest;
        this.address = address;
        this.spec = spec;
        this.dir = trialDir;
        this.clock = clock;
        this.evidence = new GuestEvidence(guest, spec.commandDeadline(), trialDir);
    }

    /** Where phase changes go (reports draw steps from them). */
    public StopCycle phases(java.util.function.Consumer<String> phases) {
        this.phase = phases;
        return this;
    }

    /** What the trial came to, with the files it left (relative to the run directory's trial dir). */
    public record Result(Outcome outcome, String reason, Duration elapsed, List<String> artifacts,
                         List<GuestEvidence.Dump> dumps) {
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
        Path scLog = dir.resolve("sc.log");
        artifacts.add("sc.log");
        ServiceWatch watch = new ServiceWatch(guest, spec.serviceName(), spec.commandDeadline(), scLog, clock);
        // a guest that reboots mid-cycle (a crash, an update, someone's shutdown /r) says nothing about the patch level:
        // its boot time, read now and again before classifying, tells such a trial apart
        Instant bootedAt = guest.bootTime(spec.commandDeadline());

        phase.accept("start " + spec.serviceName());
        CommandResult start = guest.run("sc start " + spec.serviceName(), spec.commandDeadline());
        watch.log("sc start " + spec.serviceName(), start);
        if (start.exitCode() != 0 && start.exitCode() != 1056) {
            return new Result(Outcome.OTHER_FAILURE, "service did not start: exit " + start.exitCode() + " "
                    + firstLine(start.stdout()), Duration.between(started, clock.instant()), artifacts, List.of());
        }
        phase.accept("wait for port " + spec.port() + " LISTENING");
        try {
            await("port " + spec.port() + " LISTENING on " + guest.name())
                    .atMost(spec.stopDeadline())
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> false)
                    .until(() -> NetstatTimeline.listening(evidence.netstat(), spec.port()));
        } catch (ConditionTimeoutException e) {
            return new Result(Outcome.OTHER_FAILURE, "port " + spec.port() + " never listened within "
                    + spec.stopDeadline(), Duration.between(started, clock.instant()), artifacts, List.of());
        }

        phase.accept("load " + spec.loadClients() + " clients, netstat " + spec.netstatInterval().map(Object::toString).orElse("off"));
        Optional<NetstatPoller> poller = spec.netstatInterval().map(i ->
                new NetstatPoller(guest, i, spec.warmup().plus(spec.stopDeadline()).plusSeconds(30), clock).start());
        Optional<HttpLoad> load = spec.loadClients() <= 0 ? Optional.empty()
                : Optional.of(new HttpLoad(address.host(), address.reachablePort(spec.port()), spec.loadClients(),
                        spec.loadRatePerClient(), Duration.ofSeconds(5)).start());
        Instant stopIssued;
        List<Long> checkpoints = new ArrayList<>();
        ServiceWatch.Sample last;
        try {
            // Load and polling must both be under way before the stop: at least the warmup, and at least one answered
            // request and one snapshot, so that a stop is always issued into churn that is really happening.
            try {
                await("load and polling under way on " + guest.name()).pollDelay(spec.warmup())
                        .atMost(spec.warmup().plus(spec.stopDeadline()))
                        .until(() -> load.map(l -> l.succeeded() > 0).orElse(true)
                                && poller.map(p -> !p.snapshots().isEmpty() || p.failure() != null).orElse(true));
            } catch (ConditionTimeoutException e) {
                String why = load.isPresent() && load.get().succeeded() == 0
                        ? "Apache answered no request (" + load.get().failed() + " failed)"
                        : "the netstat poller produced no snapshot";
                return new Result(poller.isPresent() && load.map(l -> l.succeeded() > 0).orElse(true) ? Outcome.INFRA_ERROR
                        : Outcome.OTHER_FAILURE, why + " within " + spec.warmup().plus(spec.stopDeadline()),
                        Duration.between(started, clock.instant()), artifacts, List.of());
            }
            phase.accept("stop, deadline " + spec.stopDeadline());
            stopIssued = clock.instant();
            CommandResult stop = guest.run("sc stop " + spec.serviceName(), spec.commandDeadline());
            watch.log("sc stop " + spec.serviceName(), stop);
            last = watch.untilStoppedOr(spec.stopDeadline(), SAMPLE_EVERY, checkpoints);
        } finally {
            load.ifPresent(HttpLoad::close);
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
            NetstatTimeline.writeCsv(dir.resolve("netstat.csv"), p.snapshots(), spec.port(), started);
            artifacts.add("netstat.csv");
        }
        Files.writeString(dir.resolve("timing.txt"), "started=" + started + "\nstopIssued=" + stopIssued
                + "\nstopDeadline=" + spec.stopDeadline() + "\nload=" + load.map(l -> l.succeeded() + " ok, "
                + l.failed() + " failed").orElse("off") + "\n", StandardCharsets.UTF_8);
        artifacts.add("timing.txt");

        phase.accept("classify");
        Instant bootNow = guest.bootTime(spec.commandDeadline());
        if (!bootNow.equals(bootedAt)) {
            throw new LabException(guest.name() + " rebooted during the trial (booted " + bootedAt + ", now " + bootNow + ")");
        }
        List<Integer> alive = evidence.httpdPids();
        boolean aliveAfterKill = false;
        if (!"STOPPED".equals(last.state()) && !alive.isEmpty()) {
            for (int pid : alive) {
                CommandResult kill = guest.run("taskkill /f /pid " + pid, spec.commandDeadline());
                watch.log("taskkill /f /pid " + pid, kill);
            }
            aliveAfterKill = !evidence.httpdPids().isEmpty();
        }
        boolean listening = NetstatTimeline.listening(evidence.netstat(), spec.port());
        Classifier.Classification c = Classifier.classify(new Classifier.Observation(last.state(), checkpoints,
                !alive.isEmpty(), aliveAfterKill, listening, null));

        List<GuestEvidence.Dump> dumps = new ArrayList<>();
        if (c.outcome().reproduces()) {
            phase.accept("capture evidence and dumps");
            artifacts.add(evidence.systemLog("events-system.txt"));
            if (spec.procdumpOnHang() && !alive.isEmpty()) {
                dumps.add(evidence.procdump(alive.get(alive.size() - 1)));
            }
            if (spec.kernelDumpOnHang()) {
                dumps.add(evidence.kernelDump(spec.bootDeadline()));
            }
            dumps.forEach(d -> artifacts.add(d.relativePath()));
        }
        return new Result(c.outcome(), c.reason(), Duration.between(started, clock.instant()), artifacts, dumps);
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
