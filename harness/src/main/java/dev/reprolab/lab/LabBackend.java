package dev.reprolab.lab;

import dev.reprolab.remote.GuestAddress;
import dev.reprolab.remote.LabException;
import java.time.Duration;
import java.util.List;

/**
 * A lab backend: the thing that owns the virtual machines (a Hyper-V host, an Azure subscription, the simulated
 * lab). Deliberately small, like syzkaller's {@code vm.Pool}: everything shared (deadlines, retries, reconnects,
 * secret masking) lives in the harness around it, so each backend stays thin.
 *
 * <p>Every method takes a deadline and throws {@link LabException} when it is not met; no call blocks forever.
 * Implementations are registered by name in {@link LabBackends}.
 */
public interface LabBackend extends AutoCloseable {

    /** The backend's registered name: {@code sim}, {@code hyperv}, {@code azure}. */
    String name();

    /** The VMs of the pool, in a stable order; one parallel trial runs per VM. */
    List<String> vms();

    /** The VM's power state as the backend reports it. */
    VmState state(String vm, Duration deadline);

    /** Powers the VM on and returns once the backend reports it running (not once the guest OS answers). */
    void start(String vm, Duration deadline);

    /** Shuts the VM down ({@link StopMode#SHUT_DOWN}) or pulls the plug ({@link StopMode#TURN_OFF}). */
    void stop(String vm, StopMode mode, Duration deadline);

    /** Takes a checkpoint (Hyper-V checkpoint, Azure OS-disk snapshot) of the VM under that name, replacing one of the same name. */
    void checkpoint(String vm, String checkpoint, Duration deadline);

    /** Names of the VM's checkpoints. */
    List<String> checkpoints(String vm, Duration deadline);

    /** Brings the VM back to exactly the state of the named checkpoint. The VM is left in the checkpoint's power state. */
    void restore(String vm, String checkpoint, Duration deadline);

    /** Where the guest's WinRM endpoint is, once the guest reports an address (waits for integration services / NIC). */
    GuestAddress address(String vm, Duration deadline);

    /** Releases what the backend holds (connections, and for cloud backends the run's resources per its policy). Idempotent. */
    @Override
    void close();

    enum VmState { RUNNING, OFF, STARTING, STOPPING, SAVED, UNKNOWN }

    enum StopMode { SHUT_DOWN, TURN_OFF }
}
