# Firewall rules the lab needs (PowerShell 2.0): WinRM over HTTP and HTTPS, SMB for the C$ file channel, and the
# workload's port (the harness also opens the workload's port itself when it installs it; having it in the image
# does no harm and lets a person test by hand).
param([int[]]$WorkloadPorts = @(80))
$ErrorActionPreference = 'Stop'

function Add-Rule([string]$name, [int]$port) {
    cmd /c "netsh advfirewall firewall delete rule name=`"$name`"" | Out-Null
    cmd /c "netsh advfirewall firewall add rule name=`"$name`" dir=in action=allow protocol=TCP localport=$port" | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "netsh could not add the rule '$name' (exit $LASTEXITCODE)" }
    "Firewall: rule `"$name`" lets TCP $port in"
}

Add-Rule 'WinRM HTTP (5985)' 5985
Add-Rule 'WinRM HTTPS (5986)' 5986
Add-Rule 'SMB for the lab file channel (445)' 445
foreach ($p in $WorkloadPorts) {
    Add-Rule "Apache HTTP ($p)" $p
}
