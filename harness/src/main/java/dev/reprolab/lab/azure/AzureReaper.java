package dev.reprolab.lab.azure;

import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.azure.core.util.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what runs left behind, found by the {@code reprolab-run} tag: first every tagged resource group (which takes
 * everything inside, untagged implicit OS disks included), then any tagged resource that lives elsewhere, VMs before
 * what they use. Used by {@link AzureBackend#close()} and by {@code lab reap}, which is what cleans up after a run
 * that was killed.
 */
public final class AzureReaper {

    private static final Logger LOG = LoggerFactory.getLogger(AzureReaper.class);

    private final AzureClients az;

    AzureReaper(AzureClients az) {
        this.az = az;
    }

    /** A reaper for the subscription of this lab config. */
    public static AzureReaper of(AzureConfig config) {
        return new AzureReaper(new AzureClients(config));
    }

    private static String filter(Optional<String> runId) {
        return "tagName eq '" + AzureBackend.RUN_TAG + "'" + runId.map(r -> " and tagValue eq '" + r.replace("'", "''") + "'").orElse("");
    }

    /** What {@link #reap} would delete: resource groups and resources tagged with the run (any run when empty). */
    public List<String> leftovers(Optional<String> runId) {
        List<String> out = new ArrayList<>();
        AzureCalls.call("list resource groups", () -> {
            for (ResourceGroupInner g : az.resources.getResourceGroups().list(filter(runId), null, Context.NONE)) {
                out.add(g.id());
            }
            for (GenericResourceExpandedInner r : az.resources.getResources().list(filter(runId), null, null, Context.NONE)) {
                out.add(r.id());
            }
            return null;
        });
        return out;
    }

    /** Deletes the run's (or every run's) tagged groups and resources; returns their ids. */
    public List<String> reap(Optional<String> runId, Duration deadline) {
        List<String> deleted = new ArrayList<>();
        List<ResourceGroupInner> groups = new ArrayList<>();
        AzureCalls.call("list resource groups", () -> {
            az.resources.getResourceGroups().list(filter(runId), null, Context.NONE).forEach(groups::add);
            return null;
        });
        for (ResourceGroupInner g : groups) {
            LOG.info("deleting resource group {} (run {})", g.name(), g.tags() == null ? "?" : g.tags().get(AzureBackend.RUN_TAG));
            AzureCalls.lro("delete resource group " + g.name(), deadline, () -> az.resources.getResourceGroups().beginDelete(g.name()));
            deleted.add(g.id());
        }
        List<GenericResourceExpandedInner> rest = new ArrayList<>();
        AzureCalls.call("list tagged resources", () -> {
            az.resources.getResources().list(filter(runId), null, null, Context.NONE).forEach(rest::add);
            return null;
        });
        rest.sort(Comparator.comparingInt(r -> order(r.type())));
        for (GenericResourceExpandedInner r : rest) {
            LOG.info("deleting {} {}", r.type(), r.id());
            AzureCalls.lro("delete " + r.id(), deadline, () -> az.resources.getResources().beginDeleteById(r.id(), apiVersion(r.type())));
            deleted.add(r.id());
        }
        return deleted;
    }

    /** VMs first, then what they hold on to, networks last. */
    private static int order(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "microsoft.compute/virtualmachines" -> 0;
            case "microsoft.compute/disks", "microsoft.compute/snapshots" -> 1;
            case "microsoft.network/networkinterfaces" -> 2;
            case "microsoft.network/publicipaddresses" -> 3;
            default -> 4;
        };
    }

    /** The API versions the SDK's own clients use for these types. */
    private static String apiVersion(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("microsoft.compute/virtualmachines")) {
            return "2025-04-01";
        }
        if (t.startsWith("microsoft.compute/")) {
            return "2025-01-02";
        }
        return "2024-07-01";
    }
}
