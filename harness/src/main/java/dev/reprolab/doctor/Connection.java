package dev.reprolab.doctor;

import dev.reprolab.remote.LabException;

/** Turns a failed first contact into the one line a person can act on: refused credentials, no answer, wrong certificate. */
final class Connection {

    private Connection() {
    }

    /** @param key the lab config key of that endpoint ({@code host}, {@code guest}) */
    static Finding failure(String subject, LabException e, String key) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("(401)") || m.contains(" 401") || m.contains("Unauthorized")) {
            return Finding.fail(subject, "WinRM refused the credentials (HTTP 401)", "check " + key + ".username and the password that "
                    + key + ".passwordEnv / passwordFile points at; Basic auth must be on: winrm set winrm/config/service/auth @{Basic=\"true\"}");
        }
        if (m.contains("presented certificate")) {
            return Finding.fail(subject, "the WinRM certificate does not match the pin (" + m.replaceFirst("^.*?presented", "presented") + ")",
                    "if the certificate was renewed on purpose, put its SHA-256 in " + key + ".certificateSha256");
        }
        if (m.contains("protocol_version") || m.contains("No appropriate protocol") || m.contains("handshake_failure")
                || m.contains("Received fatal alert")) {
            return Finding.fail(subject, "the TLS handshake failed (" + shortCause(m) + "): 2008 R2 ships TLS 1.2 off for SChannel",
                    "on the guest: reg add \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server\" "
                    + "/v Enabled /t REG_DWORD /d 1 /f (and DisabledByDefault 0), reboot (vm-images/scripts/06-policies.ps1)");
        }
        if (m.contains("Connection refused") || m.contains("connect timed out") || m.contains("UnknownHost") || m.contains("No route")
                || m.contains("cannot connect") || m.contains("Connect to")) {
            return Finding.fail(subject, "no WinRM answer (" + shortCause(m) + ")", "check " + key + ".address/port and that the WinRM "
                    + "listener runs (winrm quickconfig; winrm enumerate winrm/config/listener) and the firewall lets 5985/5986 in");
        }
        return Finding.fail(subject, "WinRM failed: " + m, "lab exec with --lab-config to see the whole error");
    }

    private static String shortCause(String m) {
        int i = m.lastIndexOf(": ");
        String tail = i >= 0 ? m.substring(i + 2) : m;
        return tail.length() > 160 ? tail.substring(0, 160) + "…" : tail;
    }
}
