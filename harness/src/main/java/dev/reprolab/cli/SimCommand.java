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
            if (azure) {
                return serveAzure();
            }
            try (SimBackend sim = SimBackends.start(Catalog.load(catalog), guests, SimBackends.tempRoot(), false)) {
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
