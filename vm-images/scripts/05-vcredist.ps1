# The Visual C++ 2015-2022 x64 runtime Apache Lounge's builds need (PowerShell 2.0), from vc_redist.x64.exe the user
# downloaded from Microsoft. Exit code 3010 = installed, reboot required; 1638 = a newer version is already there.
param([string]$Installer)
$ErrorActionPreference = 'Stop'
if (-not $Installer) { throw '-Installer is required' }

if (-not (Test-Path $Installer)) { throw "$Installer is missing: download vc_redist.x64.exe from Microsoft" }
cmd /c "`"$Installer`" /install /quiet /norestart"
$rc = $LASTEXITCODE
if ($rc -ne 0 -and $rc -ne 3010 -and $rc -ne 1638) { throw "vc_redist failed with exit code $rc" }
"VC++ runtime: installed (exit $rc)"
