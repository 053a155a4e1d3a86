package dev.reprolab.sim.guest;

import java.util.ArrayList;
import java.util.List;

/**
 * Which protocol versions SChannel's server side offers, read from the registry the way a 2008 R2 SP1 machine reads
 * it at boot: TLS 1.0 is on unless {@code TLS 1.0\Server\Enabled} is 0; TLS 1.1 and 1.2 exist but are off until
 * {@code Enabled} is non-zero and {@code DisabledByDefault} is not 1 (the provisioning scripts and Azure's Run Command
 * script set both). SChannel reads the keys when it loads, so a change takes effect at the next boot only.
 */
final class Schannel {

    private Schannel() {
    }

    /** The JSSE names of the server protocols these keys give, newest first. */
    static List<String> serverProtocols(Registry r) {
        List<String> out = new ArrayList<>();
        for (String v : new String[] {"1.2", "1.1"}) {
            String key = Registry.SCHANNEL_PROTOCOLS + "\\TLS " + v + "\\Server";
            boolean enabled = r.dword(key, "Enabled").map(d -> d != 0).orElse(false);
            boolean disabledByDefault = r.dword(key, "DisabledByDefault").map(d -> d == 1).orElse(false);
            if (enabled && !disabledByDefault) {
                out.add("TLSv" + v);
            }
        }
        if (r.dword(Registry.SCHANNEL_PROTOCOLS + "\\TLS 1.0\\Server", "Enabled").map(d -> d != 0).orElse(true)) {
            out.add("TLSv1");
        }
        return List.copyOf(out);
    }
}
