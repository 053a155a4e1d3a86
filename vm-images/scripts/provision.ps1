# Runs the provisioning scripts in order (PowerShell 2.0), shared by the Hyper-V (Packer) and Azure images:
#   powershell -NoProfile -ExecutionPolicy Bypass -Command "& 'C:\provision\provision.ps1' -Downloads 'C:\provision\downloads'"
# DIR holds what the user downloaded from Microsoft: procdump.exe (v10.0), notmyfaultc64.exe, vc_redist.x64.exe,
# windows6.1-kb3177467-x64.msu, optionally Debuggers\x64 or dbg_amd64.msi. Reboot afterwards, then take `clean`.
# -Scripts: where these scripts are (Packer's file provisioner puts them in C:\provision).
param([string]$Downloads, [string]$Scripts = 'C:\provision', [switch]$Https, [switch]$AllowUnencrypted)
$ErrorActionPreference = 'Stop'
if (-not $Downloads) { throw '-Downloads is required' }
$here = $Scripts

& (Join-Path $here '01-winrm.ps1') -Https:$Https -AllowUnencrypted:$AllowUnencrypted
& (Join-Path $here '02-firewall.ps1')
& (Join-Path $here '03-crash-dump.ps1')
& (Join-Path $here '04-tools.ps1') -Downloads $Downloads
& (Join-Path $here '05-vcredist.ps1') -Installer (Join-Path $Downloads 'vc_redist.x64.exe')
& (Join-Path $here '06-policies.ps1')
& (Join-Path $here '07-servicing-stack.ps1') -Msu (Join-Path $Downloads 'windows6.1-kb3177467-x64.msu')
"Provisioned. Reboot (shutdown /r /t 0), then take the 'clean' checkpoint."
