package dev.reprolab.lab;

import dev.reprolab.remote.Credentials;
import java.util.Optional;

/**
 * How to reach a guest's WinRM endpoint.
 *
 * @param vm the backend's VM name
 * @param host IP address or DNS name of the guest
 * @param port WinRM port (5985 HTTP, 5986 HTTPS on a real guest; any port on the simulated lab)
 * @param https whether the endpoint is HTTPS
 * @param credentials the guest's local administrator (the password is a {@link dev.reprolab.remote.Secret})
 * @param certificateSha256 for HTTPS: the pinned SHA-256 thumbprint of the endpoint's certificate (hex), if known
 * @param smbPort the SMB port for the SMB file channel (445 on a real guest), if the guest offers SMB
 */
public record GuestAddress(String vm, String host, int port, boolean https, Credentials credentials,
                           Optional<String> certificateSha256, Optional<Integer> smbPort) {

    public String wsmanUrl() {
        return (https ? "https" : "http") + "://" + host + ":" + port + "/wsman";
    }

    @Override
    public String toString() {
        return "GuestAddress[" + vm + " " + wsmanUrl() + " as " + credentials + "]";
    }
}
