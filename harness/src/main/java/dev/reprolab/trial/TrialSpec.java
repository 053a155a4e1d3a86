package dev.reprolab.trial;

import dev.reprolab.triage.TriageSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.reprolab.workload.WorkloadPlan;

/**
 * Everything one stop cycle needs to know, resolved from the scenario: which cell it belongs to and how hard to push.
 *
 * @param trialId stable id, unique in the run (the journal's key for resume)
 * @param patchSet the patch set's name
 * @param cell the cell id within the patch set (e.g. {@code netstat=200ms,load=high})
 * @param factors the cell's factor values as the scenario names them
 * @param serviceName the workload's service name ({@code Apache2.4}, {@code W3SVC})
 * @param port the port the workload listens on in the guest (80)
 * @param netstatInterval the poll interval, empty when polling is off
 * @param loadClients concurrent HTTP clients (0 for no load)
 * @param loadRatePerClient requests per second per client (0 = as fast as possible)
 * @param warmup how long load and polling run before the stop is issued
 * @param stopDeadline how long the service gets to stop
 * @param commandDeadline deadline for each short remote command
 * @param procdumpOnHang whether to take a full user dump of httpd.exe on a hang
 * @param kernelDumpOnHang whether this trial, if it hangs, also takes a kernel dump (policy resolved by the runner)
 * @param plan the workload (start/stop commands, images to watch, load kind), the scenario's steps and its rule
 * @param triage how a hang is triaged on the guest, with the run's expected signature
 */
public record TrialSpec(String trialId, String patchSet, String cell, Map<String, String> factors, String serviceName,
                        int port, Optional<Duration> netstatInterval, int loadClients, double loadRatePerClient,
                        Duration warmup, Duration stopDeadline, Duration commandDeadline, boolean procdumpOnHang,
                        boolean kernelDumpOnHang, Duration bootDeadline, WorkloadPlan plan,
                        TriageSpec triage) {
}
