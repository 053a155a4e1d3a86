package dev.reprolab.remote;

/**
 * How files move between the controller and a guest: the scenario's {@code lab.fileChannel}, read once by
 * {@link #parse}. Each constant is served by one transfer implementation chosen in one place
 * ({@code FileTransfer}'s switch), so a new channel is a constant, a case and its class.
 */
public enum FileChannel {
    /** Through the WinRM shell only: base64 chunks appended by PowerShell 2.0 commands. Works wherever WinRM does. */
    WINRM,
    /** Through the guest's administrative share (C$) with Overthere's SMB 2 client. Much faster; needs port 445. */
    SMB,
    /**
     * The guest fetches from the controller over HTTP ({@code WebClient.DownloadFile}) and sends dumps back with a
     * streamed HTTP PUT; the controller serves and receives on a small HTTP server of its own. Needs the guest to
     * reach the controller (outbound connections, which Windows Firewall allows by default).
     */
    HTTP;

    /** The channel a scenario names ({@code winrm}, {@code smb}, {@code http}; case does not matter). */
    public static FileChannel parse(String name) {
        for (FileChannel c : values()) {
            if (c.name().equalsIgnoreCase(name.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown file channel '" + name + "' (known: winrm, smb, http)");
    }
}
