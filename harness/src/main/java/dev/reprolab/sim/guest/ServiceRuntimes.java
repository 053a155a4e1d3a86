package dev.reprolab.sim.guest;

import java.util.List;

/** Which runtime runs a service, for the SCM's start and stop (sc, net, iisreset) and for boots and restores. */
final class ServiceRuntimes {

    private final Iis iis;
    private final List<ServiceRuntime> all;

    ServiceRuntimes(SimGuest g) {
        Apache apache = g.apache();
        ServiceRuntime httpd = new ServiceRuntime() {
            @Override
            public boolean runs(GuestState.Service svc) {
                return svc.apache;
            }

            @Override
            public int start(GuestState.Service svc) {
                return apache.start(svc) ? 0 : 1053;
            }

            @Override
            public int stop(GuestState.Service svc) {
                apache.stop(svc);
                return 0;
            }

            @Override
            public void closeAll() {
                apache.closeAll();
            }

            @Override
            public void reopenRunning() {
                apache.reopenRunning();
            }
        };
        this.iis = new Iis(g);
        this.all = List.of(httpd, iis, new StandInService(g));
    }

    Iis iis() {
        return iis;
    }

    /** The runtime of a service, or null for a service nothing here runs (its start fails with 1053). */
    ServiceRuntime of(GuestState.Service svc) {
        return all.stream().filter(r -> r.runs(svc)).findFirst().orElse(null);
    }

    /** StartService: 0, or the Win32 error. */
    int start(GuestState.Service svc) {
        ServiceRuntime r = of(svc);
        return r == null ? 1053 : r.start(svc);
    }

    int stop(GuestState.Service svc) {
        ServiceRuntime r = of(svc);
        if (r == null) {
            return 1061;
        }
        return r.stop(svc);
    }

    void closeAll() {
        all.forEach(ServiceRuntime::closeAll);
    }

    void reopenRunning() {
        all.forEach(ServiceRuntime::reopenRunning);
    }
}
