package dev.reprolab.sim;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.windows.cab.StandInPackage;
import java.nio.file.Path;

/**
 * Regenerates the simulated lab's stand-in .msu packages (vm-images/updates/sim) from the catalog:
 * {@code java -cp harness/target/lab.jar dev.reprolab.sim.MakeStandInPackages vm-images/catalog.yaml vm-images/updates/sim}.
 */
public final class MakeStandInPackages {

    private MakeStandInPackages() {
    }

    public static void main(String[] args) {
        Catalog catalog = Catalog.load(Path.of(args[0]));
        for (Catalog.Update u : catalog.updates()) {
            System.out.println(StandInPackage.writeMsu(Path.of(args[1]), u.id(), u.title()));
        }
    }
}
