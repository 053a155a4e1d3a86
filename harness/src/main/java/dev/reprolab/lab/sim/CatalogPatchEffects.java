package dev.reprolab.lab.sim;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.sim.guest.PatchEffects;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The simulated guests' patch behaviour, read from the catalog: which levels leak, which tcpip.sys they load. */
public final class CatalogPatchEffects implements PatchEffects {

    /** The SP1 base image's tcpip.sys / afd.sys (6.1.7601.17514 is SP1 RTM). */
    static final String SP1 = "6.1.7601.17514";

    private final Catalog catalog;

    public CatalogPatchEffects(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean leaksListenerReferences(Collection<String> installedKbs) {
        return catalog.carriesRegression(installedKbs);
    }

    @Override
    public Optional<String> fileVersion(String fileName, Collection<String> installedKbs) {
        return switch (fileName.toLowerCase(Locale.ROOT)) {
            case "tcpip.sys" -> Optional.of(catalog.tcpipVersion(installedKbs).orElse(SP1));
            // the catalog does not track afd.sys (the regression is in tcpip.sys): report SP1's
            case "afd.sys" -> Optional.of(SP1);
            default -> Optional.empty();
        };
    }
}
