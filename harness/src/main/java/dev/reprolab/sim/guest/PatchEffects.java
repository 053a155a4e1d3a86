package dev.reprolab.sim.guest;

import java.util.Collection;
import java.util.Optional;

/**
 * What the installed updates do to the simulated guest. The simulated lab builds this from the same patch catalog
 * (vm-images/catalog.yaml) the harness uses, so which levels carry the July 2018 tcpip.sys regression is data,
 * not code.
 */
public interface PatchEffects {

    /**
     * Whether tcpip.sys at this patch level leaks a listener reference when a connection-table enumeration races
     * with connection churn on that listener (the July 10 2018 regression, fixed by KB4345459).
     */
    boolean leaksListenerReferences(Collection<String> installedKbs);

    /** The FileVersion of a system file at this patch level (e.g. tcpip.sys {@code 6.1.7601.24168}), if known. */
    Optional<String> fileVersion(String fileName, Collection<String> installedKbs);
}
