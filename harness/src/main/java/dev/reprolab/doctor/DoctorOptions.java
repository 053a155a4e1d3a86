package dev.reprolab.doctor;

import dev.reprolab.remote.FileChannel;
import dev.reprolab.catalog.Catalog;
import dev.reprolab.scenario.Scenario;
import java.time.Duration;

/**
 * What the checks compare the lab against: the scenario's needs (or a default run's when no scenario is given).
 *
 * @param baseCheckpoint the checkpoint every patch set starts from
 * @param fileChannel how files would move in a run (what the network checks look at)
 * @param toolsDir where ProcDump and NotMyFault are on the guest
 * @param procdump whether hung httpd.exe gets a user dump
 * @param kernelDump whether a kernel dump (NotMyFault) is taken
 * @param apacheService the service the scenario installs (port 80 must be free until it exists)
 * @param apachePort the port it listens on
 * @param restore whether doctor restores the base checkpoint first (else it reads the current state)
 * @param deadline for each remote command
 * @param clockTolerance how far a guest clock may be from the controller's
 * @param fileServer for {@code http}: where the controller's file server listens (the scenario's {@code lab.fileServer})
 * @param triage the scenario's triage (null: none); when enabled, the debuggers and LiveKd must be on the guest
 */
public record DoctorOptions(String baseCheckpoint, FileChannel fileChannel, String toolsDir, boolean procdump, boolean kernelDump,
                            String apacheService, int apachePort, Catalog catalog, boolean restore, Duration deadline,
                            Duration clockTolerance, dev.reprolab.remote.TransferPolicy.FileServer fileServer,
                            dev.reprolab.triage.TriageSpec triage) {

    /** Without triage: the debuggers are not checked. */
    public DoctorOptions(String baseCheckpoint, FileChannel fileChannel, String toolsDir, boolean procdump, boolean kernelDump,
                         String apacheService, int apachePort, Catalog catalog, boolean restore, Duration deadline,
                         Duration clockTolerance, dev.reprolab.remote.TransferPolicy.FileServer fileServer) {
        this(baseCheckpoint, fileChannel, toolsDir, procdump, kernelDump, apacheService, apachePort, catalog, restore, deadline,
                clockTolerance, fileServer, null);
    }

    /** These options with a scenario's triage: when it is on, the debuggers and LiveKd are checked too. */
    public DoctorOptions withTriage(dev.reprolab.triage.TriageSpec t) {
        return new DoctorOptions(baseCheckpoint, fileChannel, toolsDir, procdump, kernelDump, apacheService, apachePort, catalog,
                restore, deadline, clockTolerance, fileServer, t);
    }

    public static final String TOOLS = dev.reprolab.trial.GuestEvidence.TOOLS;

    public static DoctorOptions of(Scenario s, boolean restore) {
        return new DoctorOptions(s.lab().baseCheckpoint(), s.lab().fileChannel(), TOOLS, s.dumps().procdumpOnHang(),
                s.dumps().kernelFirstHangPerPatchSet(), s.workload().serviceName(), s.workload().port(), Catalog.load(s.updates().catalog()),
                restore, s.deadlines().command(), Duration.ofSeconds(5), new dev.reprolab.remote.TransferPolicy.FileServer(
                        s.lab().fileServer().address(), s.lab().fileServer().bind(), s.lab().fileServer().port()), s.triage());
    }

    /** A default run: base checkpoint {@code clean}, WinRM file channel, both dumps, Apache2.4 on port 80. */
    public static DoctorOptions defaults(Catalog catalog, boolean restore) {
        return new DoctorOptions("clean", FileChannel.WINRM, TOOLS, true, true, "Apache2.4", 80, catalog, restore, Duration.ofSeconds(60),
                Duration.ofSeconds(5), dev.reprolab.remote.TransferPolicy.FileServer.AUTO);
    }
}
