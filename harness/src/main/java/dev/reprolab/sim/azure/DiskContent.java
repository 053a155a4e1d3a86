package dev.reprolab.sim.azure;

import java.util.Optional;

/** What a disk or snapshot holds: the VM's live disk ({@code checkpoint} empty) or a frozen guest checkpoint. */
record DiskContent(ArmVm owner, Optional<String> checkpoint) {
}
