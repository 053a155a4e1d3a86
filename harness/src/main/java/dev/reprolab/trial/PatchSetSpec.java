package dev.reprolab.trial;

import java.nio.file.Path;
import java.util.List;

/**
 * What a golden checkpoint is made of: a clean base, Apache, and an exact set of updates.
 *
 * @param name the patch set's name in the scenario
 * @param kbs the updates, in install order (catalog order)
 * @param packages the local .msu file of each KB, same order
 * @param installer how updates go in: {@code dism} (expand + DISM) or {@code wusa-task} (wusa from a scheduled task)
 * @param apacheZip the Apache httpd for Windows zip
 * @param apacheRoot where Apache lands on the guest ({@code C:\} → {@code C:\Apache24})
 * @param serviceName the service name {@code httpd -k install} registers
 * @param baseCheckpoint the clean checkpoint every preparation starts from
 */
public record PatchSetSpec(String name, List<String> kbs, List<Path> packages, String installer, Path apacheZip,
                           String apacheRoot, String serviceName, String baseCheckpoint) {

    /** The checkpoint holding this patch set's prepared state. */
    public String goldenCheckpoint() {
        return "golden-" + name;
    }
}
