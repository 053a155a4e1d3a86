package dev.reprolab.remote;

/** How files move between the controller and a guest. */
public enum FileChannel {
    /** Through the WinRM shell only: base64 chunks appended by PowerShell 2.0 commands. Works wherever WinRM does. */
    WINRM,
    /** Through the guest's administrative share (C$) with Overthere's SMB 2 client. Much faster; needs port 445. */
    SMB
}
