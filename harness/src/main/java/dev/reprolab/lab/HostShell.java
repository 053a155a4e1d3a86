package dev.reprolab.lab;

import dev.reprolab.remote.Guest;

/**
 * A backend whose hypervisor is itself a Windows machine the harness reaches over WinRM (a Hyper-V host): its shell,
 * for {@code lab exec --host} and the host's {@code lab doctor} checks. Cloud backends have no such host.
 */
public interface HostShell {

    /** The host's command shell over the same transport the backend drives it with. */
    Guest hostShell();
}
