package dev.reprolab.sim.guest;

/**
 * What runs behind a service the SCM knows: Apache httpd, IIS's W3SVC/WAS, the stand-in service. All calls come
 * with the guest locked; what takes time happens on the guest's timer.
 */
interface ServiceRuntime {

    /** Whether this runtime runs the service (by its binary path). */
    boolean runs(GuestState.Service svc);

    /** {@code StartService}: 0 when the start was accepted, else the Win32 error sc reports (1053, 1051...). */
    int start(GuestState.Service svc);

    /** {@code ControlService(STOP)}: 0 when accepted, else the Win32 error (1051: others depend on it). */
    int stop(GuestState.Service svc);

    /** Drops every real socket (power off, restore). */
    void closeAll();

    /** After a restore into a running state: serve again for every running service. */
    void reopenRunning();
}
