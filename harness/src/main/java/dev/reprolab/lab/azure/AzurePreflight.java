package dev.reprolab.lab.azure;

import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.fluent.models.UsageInner;
import dev.reprolab.remote.LabException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code lab doctor --lab azure} checks before a pool is provisioned (read-only ARM calls, nothing is created):
 * the credential is accepted, the image exists in the pool's region, the region's vCPU quota covers
 * {@code vmSize × vms}, and the controller's address is inside {@code controllerAddress}, the only source the NSG
 * will open WinRM and HTTP to.
 */
public final class AzurePreflight {

    /** One check's result; {@code fix} says what to run or set when it is not ok. */
    public record Check(Status status, String message, String fix) {
    }

    public enum Status { OK, WARN, FAIL }

    private static final Pattern IMAGE = Pattern.compile("(?i)/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/images/([^/]+)");

    private AzurePreflight() {
    }

    public static List<Check> run(AzureConfig config) {
        List<Check> out = new ArrayList<>();
        AzureClients az;
        try {
            az = new AzureClients(config);
            AzureCalls.call("list resource groups", () -> az.resources.getResourceGroups().list().stream().findFirst());
            out.add(new Check(Status.OK, "credential (" + config.credential().type() + ") accepted by " + config.resourceManagerEndpoint(), null));
        } catch (LabException e) {
            out.add(new Check(Status.FAIL, "credential (" + config.credential().type() + ") not accepted: " + e.getMessage(),
                    credentialFix(config)));
            return out; // every other check needs the credential
        }
        out.add(image(az, config));
        out.add(quota(az, config));
        out.add(controller(config));
        return out;
    }

    private static String credentialFix(AzureConfig config) {
        return switch (config.credential().type()) {
            case "clientSecret" -> "check credential.clientId and the secret its clientSecretEnv/clientSecretFile names"
                    + " (a new one: az ad sp credential reset --id CLIENT_ID)";
            case "token" -> "write a fresh token to the tokenEnv/tokenFile: az account get-access-token --query accessToken -o tsv";
            default -> "az login --tenant " + config.tenantId() + " (or set AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET)";
        };
    }

    static Check image(AzureClients az, AzureConfig config) {
        Matcher m = IMAGE.matcher(config.image());
        if (!m.find()) {
            return new Check(Status.WARN, "image " + config.image() + " is not a managed image id; gallery images are not checked here",
                    "az sig image-version show --ids " + config.image() + " --query publishingProfile.targetRegions");
        }
        Optional<ImageInner> image = AzureCalls.find(() -> az.compute.getImages().getByResourceGroup(m.group(1), m.group(2)));
        if (image.isEmpty()) {
            return new Check(Status.FAIL, "image " + config.image() + " does not exist in subscription " + config.subscriptionId(),
                    "build it (vm-images/azure/README.md) or correct image: in the lab config");
        }
        String where = image.get().location();
        if (!normal(where).equals(normal(config.region()))) {
            return new Check(Status.FAIL, "image " + m.group(2) + " is in " + where + ", the pool's region is " + config.region(),
                    "set region: " + where + ", or copy the image to " + config.region() + " (az image copy --target-location " + config.region() + ")");
        }
        return new Check(Status.OK, "image " + m.group(2) + " exists in " + config.region(), null);
    }

    static Check quota(AzureClients az, AzureConfig config) {
        String region = normal(config.region());
        Optional<ResourceSkuInner> sku = AzureCalls.call("list VM sizes", () -> az.compute.getResourceSkus()
                .list("location eq '" + region + "'", null, com.azure.core.util.Context.NONE).stream()
                .filter(s -> "virtualMachines".equalsIgnoreCase(s.resourceType()) && config.vmSize().equalsIgnoreCase(s.name()))
                .findFirst());
        if (sku.isEmpty() || sku.get().restrictions() != null && !sku.get().restrictions().isEmpty()) {
            return new Check(Status.FAIL, "vmSize " + config.vmSize() + " is not offered to this subscription in " + config.region(),
                    "pick a size: az vm list-skus -l " + region + " --resource-type virtualMachines -o table");
        }
        int cores = sku.get().capabilities() == null ? 1 : sku.get().capabilities().stream().filter(c -> "vCPUs".equals(c.name()))
                .map(c -> Integer.parseInt(c.value())).findFirst().orElse(1);
        long need = (long) cores * config.vms();
        List<UsageInner> usages = AzureCalls.call("read vCPU quotas", () -> az.compute.getUsages().list(region).stream().toList());
        for (String quota : List.of(String.valueOf(sku.get().family()), "cores")) {
            for (UsageInner u : usages) {
                if (u.name() != null && quota.equalsIgnoreCase(u.name().value()) && u.limit() - u.currentValue() < need) {
                    return new Check(Status.FAIL, String.format(Locale.ROOT, "quota %s in %s: %d of %d vCPUs in use, the pool needs %d (%d × %s)",
                            u.name().localizedValue(), config.region(), u.currentValue(), u.limit(), need, config.vms(), config.vmSize()),
                            "request at least " + (u.currentValue() + need) + " (portal: Subscriptions → Usage + quotas → "
                                    + u.name().localizedValue() + ", " + config.region() + "), or use fewer or smaller VMs");
                }
            }
        }
        return new Check(Status.OK, "vCPU quota in " + config.region() + " covers " + config.vms() + " × " + config.vmSize()
                + " (" + need + " vCPUs)", null);
    }

    /**
     * The address this controller's traffic leaves from, as the route to the resource manager shows it (no packet is
     * sent), against {@code controllerAddress}. Behind NAT the address the NSG sees cannot be known from here.
     */
    static Check controller(AzureConfig config) {
        String cidr = config.controllerAddress();
        if (cidr.equals("*") || cidr.equalsIgnoreCase("Internet") || cidr.endsWith("/0")) {
            return new Check(Status.WARN, "controllerAddress " + cidr + " opens WinRM and HTTP to the whole internet",
                    "set controllerAddress: to this controller's public address /32");
        }
        InetAddress local;
        try (DatagramSocket s = new DatagramSocket()) {
            URI arm = URI.create(config.resourceManagerEndpoint());
            s.connect(InetAddress.getByName(arm.getHost()), arm.getPort() > 0 ? arm.getPort() : 443);
            local = s.getLocalAddress();
        } catch (java.io.IOException | RuntimeException e) {
            return new Check(Status.WARN, "could not tell this controller's address (" + e.getMessage() + ")",
                    "make sure controllerAddress " + cidr + " is the address the controller's traffic leaves from");
        }
        if (!(local instanceof Inet4Address)) {
            return new Check(Status.WARN, "this controller reaches Azure over IPv6 (" + local.getHostAddress() + "); the NSG opens "
                    + cidr, "make sure controllerAddress is the IPv4 address the controller's traffic leaves from");
        }
        String here = local.getHostAddress();
        if (covers(cidr, here)) {
            return new Check(Status.OK, "the NSG will open 5986 and 80 to " + cidr + ", which covers this controller (" + here + ")", null);
        }
        if (local.isSiteLocalAddress() && config.publicIp()) {
            return new Check(Status.WARN, "this controller is behind NAT (" + here + " here); the NSG opens only " + cidr,
                    "make sure " + cidr + " covers the public address the controller's traffic leaves from (curl https://ifconfig.me)");
        }
        return new Check(Status.FAIL, "the NSG will open 5986 and 80 to " + cidr + " only, but this controller connects from " + here,
                "set controllerAddress: " + here + "/32");
    }

    static boolean covers(String cidr, String ip) {
        try {
            String[] parts = cidr.split("/");
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (v4(ip) & mask) == (v4(parts[0]) & mask);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long v4(String ip) {
        long v = 0;
        for (String o : ip.strip().split("\\.")) {
            v = (v << 8) | Integer.parseInt(o);
        }
        return v;
    }

    private static String normal(String region) {
        return region == null ? "" : region.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
