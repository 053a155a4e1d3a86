package dev.reprolab.trial;

import dev.reprolab.remote.LabException;
import dev.reprolab.remote.CommandResult;
import dev.reprolab.remote.Guest;
import java.time.Duration;

/**
 * Opens the workload's port in Windows Firewall. A 2008 R2 guest drops unsolicited inbound connections to any port
 * without an allow rule, and nothing in a stock image opens 80: without the rule the load never reaches Apache.
 */
public final class WorkloadFirewall {

    private WorkloadFirewall() {
    }

    /** The rule's name: one per port, so preparing twice replaces instead of piling up rules. */
    static String ruleName(int port) {
        return "reprolab-workload-tcp-" + port;
    }

    public static void open(Guest guest, String vm, int port, Duration deadline) {
        // delete first: netsh adds a second rule of the same name instead of replacing it ("No rules match" is fine)
        guest.run("netsh advfirewall firewall delete rule name=" + ruleName(port), deadline);
        CommandResult add = guest.run("netsh advfirewall firewall add rule name=" + ruleName(port)
                + " dir=in action=allow protocol=TCP localport=" + port, deadline);
        if (add.exitCode() != 0 || !add.stdout().contains("Ok.")) {
            throw new LabException(vm + ": could not open TCP " + port + " in Windows Firewall (netsh exit " + add.exitCode() + "): "
                    + (add.stdout() + add.stderr()).strip());
        }
    }
}
