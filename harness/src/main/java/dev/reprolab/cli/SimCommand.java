package dev.reprolab.cli;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.lab.sim.SimServe;
import dev.reprolab.lab.sim.SimAzure;
import dev.reprolab.sim.azure.SimArm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab sim serve}: the simulated lab as a standalone process other tools (and --lab hyperv) can drive. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "The simulated lab.", subcommands = {SimCommand.Serve.class})
public final class SimCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start a simulated Hyper-V host and guests on loopback; write a lab config for them; run until stopped.")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--guests", description = "number of guests (default 2)")
        int guests = 2;

        @Option(names = "--catalog", description = "patch catalog (default vm-images/catalog.yaml)")
        Path catalog = Path.of("vm-images", "catalog.yaml");

        @Option(names = "--config-dir", description = "where lab.yaml, its password file and credentials.json go (default reports/sim)")
        Path dir = Path.of("reports", "sim");

        @Option(names = "--defect", paramLabel = "NAME[@VM]", description = "start guests wrong on purpose (repeatable): "
                + "missing-tools, missing-procdump, procdump-too-new, no-vcruntime, small-page-file, system-managed-page-file, "
                + "crash-dump-off, kernel-dump-only, low-shell-quota, default-shell-quota, low-shell-memory, low-operation-quota, "
                + "short-max-timeout, regressed-base-image, pending-reboot, auto-update-on, clock-skew, disk-full, tls12-off, "
                + "firewall-closed, port-80-taken, no-token-filter-policy; @VM for one guest (default: every guest)")
        java.util.List<String> defects = new java.util.ArrayList<>();

        @Option(names = "--bare", description = "guests as Windows setup leaves them (before vm-images/scripts ran): no tools, "
                + "no VC++ runtime, default quotas, Windows Update on, TLS 1.2 off, port 80 closed")
        boolean bare;

        @Option(names = "--production-checkpoints", description = "the simulated host's VMs take Production checkpoints "
                + "(disks only: a restore leaves the VM off; the default, as on a Server 2016+ host)")
        boolean production;

        @Option(names = "--standard-checkpoints", description = "the simulated host's VMs take Standard checkpoints "
                + "(memory included: a restore resumes a running VM; Set-VM -CheckpointType Standard)")
        boolean standard;

        @Option(names = "--json", description = "print one JSON line with every endpoint and the credentials file")
        boolean json;

        @Option(names = "--azure", description = "serve a simulated Azure subscription instead (resource manager on HTTPS); "
                + "writes lab-azure.yaml for --lab azure; --guests is the pool size it suggests")
        boolean azure;

        @Override
        public Integer call() throws InterruptedException {
            if (guests < 1 || guests > 16) {
                throw new UsageException("--guests must be 1..16");
            }
            if (standard && production) {
                throw new UsageException("--standard-checkpoints and --production-checkpoints exclude each other");
            }
            if (azure) {
                return serveAzure();
            }
            java.util.Map<String, java.util.Set<dev.reprolab.sim.guest.GuestDefect>> wrong = defects(defects, bare);
            for (String vm : wrong.keySet()) {
                if (!vm.equals("*") && !(vm.matches("lab-\\d\\d") && Integer.parseInt(vm.substring(4)) <= guests)) {
                    throw new UsageException("--defect ...@" + vm + ": no such guest (the guests are lab-01 .. "
                            + String.format("lab-%02d", guests) + ")");
                }
            }
            try (SimBackend sim = SimBackends.start(Catalog.load(catalog), guests, SimBackends.tempRoot(), false, wrong)) {
                if (standard) {
                    sim.useStandardCheckpoints();
                }
                Path yaml = SimServe.writeConfig(sim, dir);
                Path credentials = SimServe.writeCredentials(sim, dir);
                System.out.println(json ? SimServe.json(sim, credentials)
                        : "simulated lab up: " + sim.vms() + "; lab config " + yaml.toAbsolutePath() + " (Ctrl+C stops it)");
                System.out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return 0;
        }

        /** {@code NAME[@VM]} options as the lab's defect map; unknown names are usage errors. */
        static java.util.Map<String, java.util.Set<dev.reprolab.sim.guest.GuestDefect>> defects(java.util.List<String> specs, boolean bare) {
            java.util.Map<String, java.util.Set<dev.reprolab.sim.guest.GuestDefect>> out = new java.util.LinkedHashMap<>();
            if (bare) {
                out.put("*", java.util.EnumSet.copyOf(dev.reprolab.sim.guest.GuestDefect.BARE));
            }
            for (String spec : specs) {
                int at = spec.indexOf('@');
                String vm = at < 0 ? "*" : spec.substring(at + 1);
                try {
                    out.computeIfAbsent(vm, k -> java.util.EnumSet.noneOf(dev.reprolab.sim.guest.GuestDefect.class))
                            .add(dev.reprolab.sim.guest.GuestDefect.parse(at < 0 ? spec : spec.substring(0, at)));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--defect " + spec + ": " + e.getMessage() + " (lab sim serve --help lists them)");
                }
            }
            return out;
        }

        private int serveAzure() throws InterruptedException {
            try (SimArm arm = SimAzure.start(Catalog.load(catalog), SimBackends.tempRoot(), java.time.Duration.ofSeconds(1))) {
                Path yaml = SimAzure.writeConfig(arm, dir, guests, false);
                if (json) {
                    var o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
                    o.put("resourceManager", arm.endpoint()).put("certificateSha256", arm.certificateSha256())
                            .put("subscriptionId", arm.config().subscriptionId()).put("labConfig", yaml.toAbsolutePath().toString());
                    System.out.println(o);
                } else {
                    System.out.println("simulated Azure subscription up: " + arm.endpoint() + "; lab config " + yaml.toAbsolutePath()
                            + " (Ctrl+C stops it)");
                }
                System.out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return 0;
        }
    }
}
