package dev.reprolab.sim.guest;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * A hang with another cause than the case's, injected into a simulated guest for tests of signature-aware counting:
 * a third-party WFP callout driver ({@code wfpguard.sys}) whose flow-delete notification never returns when a
 * listening socket that has served connections closes — at the patch levels the predicate selects, on every
 * {@code everyNth} such stop (the preparation's stop of a service that never served is spared). The process
 * cannot exit (its thread waits in the kernel), exactly like the case's hang; only its stacks tell it apart.
 * It belongs to the guest, not to a checkpoint: restores keep it, like hardware or a driver baked into the image.
 */
public final class InjectedHang {

    /** {@link GuestState.Proc#stuckIn} of the case's hang: tcpip.sys holds the listener (leaked references). */
    public static final String TCPIP = "tcpip";
    /** {@link GuestState.Proc#stuckIn} of the injected one. */
    public static final String WFPGUARD = "wfpguard";

    private volatile Predicate<Collection<String>> levels = kbs -> false;
    private volatile int everyNth = 1;
    private int stops;

    /** Hang in wfpguard.sys at the levels {@code levels} accepts (installed KB ids), every {@code everyNth} stop. */
    public void inject(Predicate<Collection<String>> levels, int everyNth) {
        this.levels = levels;
        this.everyNth = Math.max(1, everyNth);
    }

    /** Whether the driver is loaded at this level (it shows in the dump's module list). */
    boolean loaded(Collection<String> installedKbs) {
        return levels.test(installedKbs);
    }

    /** Called once per listener close at this level; true when this close hangs in the driver. */
    synchronized boolean strikes(Collection<String> installedKbs) {
        if (!levels.test(installedKbs)) {
            return false;
        }
        return stops++ % everyNth == 0;
    }
}
