package dev.reprolab.remote;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach a guest.
 *
 * @param vm the backend's VM name
 * @param host IP address or DNS name of the guest as the controller reaches it
 * @param winrmPort WinRM port (5985 HTTP, 5986 HTTPS on a real guest)
 * @param https whether the WinRM endpoint is HTTPS
 * @param credentials the guest's local administrator (the password is a {@link dev.reprolab.remote.Secret})
 * @param certificateSha256 for HTTPS: the pinned SHA-256 thumbprint of the endpoint's certificate (hex), if known
 * @param portForwards guest port → port reachable on {@code host}, for guests behind NAT port forwards (a Hyper-V
 *                     NAT switch, an Azure load balancer, the simulated lab's loopback ports). Ports not listed are
 *                     reached directly.
 * @param allowTls10 for HTTPS: the lab config's opt-in to TLS 1.0 for a legacy guest (off: TLS 1.2 or newer only)
 */
public record GuestAddress(String vm, String host, int winrmPort, boolean https, Credentials credentials,
                           Optional<String> certificateSha256, Map<Integer, Integer> portForwards, boolean allowTls10) {

    public GuestAddress {
        portForwards = Map.copyOf(portForwards);
    }

    /** An address whose HTTPS endpoint must speak TLS 1.2 or newer (the default). */
    public GuestAddress(String vm, String host, int winrmPort, boolean https, Credentials credentials,
                        Optional<String> certificateSha256, Map<Integer, Integer> portForwards) {
        this(vm, host, winrmPort, https, credentials, certificateSha256, portForwards, false);
    }

    /** This address with the guest's {@code guestPort} reached at {@code port} on {@code host} instead. */
    public GuestAddress withPortForward(int guestPort, int port) {
        Map<Integer, Integer> forwards = new java.util.HashMap<>(portForwards);
        forwards.put(guestPort, port);
        return new GuestAddress(vm, host, winrmPort, https, credentials, certificateSha256, forwards, allowTls10);
    }

    /** The WS-Man URL, e.g. {@code http://10.0.0.5:5985/wsman}. */
    public String wsmanUrl() {
        return (https ? "https" : "http") + "://" + host + ":" + winrmPort + "/wsman";
    }

    /** The port on {@code host} that reaches the guest's {@code guestPort} (80 for Apache, 445 for SMB). */
    public int reachablePort(int guestPort) {
        return portForwards.getOrDefault(guestPort, guestPort);
    }

    @Override
    public String toString() {
        return "GuestAddress[" + vm + " " + wsmanUrl() + " as " + credentials + "]";
    }
}
