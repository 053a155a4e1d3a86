package dev.reprolab.sim.azure;

import dev.reprolab.time.Poll;
import dev.reprolab.time.Deadline;
import dev.reprolab.sim.SimVm;
import dev.reprolab.sim.guest.SimGuest;
import dev.reprolab.sim.winrm.SslMaterial;
import dev.reprolab.sim.winrm.WsmanServer;
import java.time.Duration;
import java.util.List;

/** A virtual machine of the simulated subscription: its guest, its address, its OS disk and its WinRM HTTPS listener. */
final class ArmVm {

    private final NsgRules nsg;
    final String id;
    final String name;
    final SimGuest guest;
    final String address;
    final String username;
    final String password;
    volatile String osDiskId;
    volatile boolean deallocated;
    volatile WsmanServer https;

    ArmVm(NsgRules nsg, String id, String name, SimGuest guest, String address, String username, String password) {
        this.nsg = nsg;
        this.id = id;
        this.name = name;
        this.guest = guest;
        this.address = address;
        this.username = username;
        this.password = password;
    }

    void awaitBooted(Duration max) {
        Poll.every(Duration.ofMillis(20)).until(Deadline.in(max), d -> guest.powerState() == SimVm.PowerState.RUNNING
                        && (https == null || https.online() || !nsg.admits(this, 5986)) ? Poll.Attempt.done(true) : Poll.Attempt.notYet(
                        guest.powerState() + (https != null && !https.online() ? ", WinRM HTTPS not listening" : "")),
                (end, last) -> new IllegalStateException(name + (end == Poll.End.INTERRUPTED ? " boot wait interrupted" : " did not boot within " + max + " (" + last + ")")));
    }

    synchronized WsmanServer enableHttps() {
        if (https == null) {
            https = WsmanServer.builder().backend(guest).credentials(username, password)
                    .ssl(SslMaterial.selfSigned(guest.computerName(), List.of(guest.computerName()), List.of()))
                    .bind(address).port(5986).machine(guest.computerName())
                    .tlsProtocols(() -> guest.settings(m -> m.tlsServerProtocols)).build().start();
            if (!nsg.admits(this, 5986)) {
                https.goOffline();
            }
        }
        return https;
    }

    void destroy() {
        guest.turnOff();
        WsmanServer s = https;
        if (s != null) {
            s.close();
        }
    }
}
