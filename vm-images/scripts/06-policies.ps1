# Machine policies the lab relies on (PowerShell 2.0):
# - LocalAccountTokenFilterPolicy 1: C$ and remote administration for local administrators other than the built-in one;
# - Windows Update never installs by itself (NoAutoUpdate 1): the harness installs exact sets of updates;
# - TLS 1.2 for SChannel, server and client (2008 R2 ships it off; current Java clients refuse TLS 1.0 for WinRM HTTPS).
# The SChannel change applies at the next boot.
$ErrorActionPreference = 'Stop'

function Set-Dword([string]$key, [string]$name, [int]$value) {
    cmd /c "reg add `"$key`" /v $name /t REG_DWORD /d $value /f" | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "reg add $key $name failed (exit $LASTEXITCODE)" }
}

Set-Dword 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' 'LocalAccountTokenFilterPolicy' 1
Set-Dword 'HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU' 'NoAutoUpdate' 1
Set-Dword 'HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU' 'AUOptions' 1
Set-Dword 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update' 'AUOptions' 1
foreach ($side in @('Server', 'Client')) {
    $k = "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\$side"
    Set-Dword $k 'Enabled' 1
    Set-Dword $k 'DisabledByDefault' 0
}
"Policies: LocalAccountTokenFilterPolicy 1, Windows Update never installs by itself, TLS 1.2 on (after the next boot)"
