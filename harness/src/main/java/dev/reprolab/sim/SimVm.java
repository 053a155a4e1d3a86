package dev.reprolab.sim;

import java.util.List;
import java.util.Optional;

/**
 * A simulated virtual machine as its hypervisor sees it: power, checkpoints and the address its integration
 * services report. Implemented by the simulated 2008 R2 guest; driven by the simulated Hyper-V host and the
 * simulated Azure Resource Manager, exactly as Hyper-V and Azure drive a real VM.
 */
public interface SimVm {

    /** The VM name (Hyper-V VM name, Azure VM name). */
    String name();

    PowerState powerState();

    /** Powers on; the guest OS boots and its WinRM endpoint answers after the configured boot time. */
    void powerOn();

    /** Pulls the plug (Stop-VM -TurnOff, Azure deallocate): no shutdown, the endpoint goes away at once. */
    void turnOff();

    /** Clean shutdown (Stop-VM): services stop as on a real shutdown, then the VM is off. */
    void shutDown();

    /** Saves the complete VM state (disk, memory, power state) under the name, replacing one of the same name. */
    default void checkpoint(String name) {
        checkpoint(name, true);
    }

    /**
     * Saves the VM under the name: with its memory (a Hyper-V Standard checkpoint) or its disks only (a Production
     * checkpoint — VSS inside the guest, as after a clean shutdown — or an Azure snapshot).
     */
    void checkpoint(String name, boolean withMemory);

    /** Names of the checkpoints, oldest first. */
    List<String> checkpoints();

    /**
     * Applies a checkpoint as Hyper-V's Restore-VMSnapshot does; throws {@link IllegalArgumentException} if unknown.
     * A checkpoint without memory, or of a VM that was off, leaves the VM {@link PowerState#OFF}; one with memory
     * resumes a running VM from it and leaves a VM that was not running {@link PowerState#SAVED}.
     */
    void restore(String name);

    /** Removes a checkpoint; no-op when unknown. */
    void removeCheckpoint(String name);

    /** The IPv4 address integration services report once the guest has booted, empty before. */
    Optional<String> ipAddress();

    /** The port of the guest's WinRM endpoint (the simulated lab gives each guest its own loopback port). */
    int winrmPort();

    /** SAVED: memory kept on disk, not running; Start-VM resumes it without a boot. */
    enum PowerState { RUNNING, OFF, STARTING, STOPPING, SAVED }
}
