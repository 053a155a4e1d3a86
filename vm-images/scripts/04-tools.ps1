# Sysinternals tools and the Debugging Tools for Windows into C:\tools (PowerShell 2.0), from files the user
# downloaded from Microsoft (nothing of Microsoft's is redistributed with this project):
#   -Downloads DIR holding procdump.exe (ProcDump v10.0: Microsoft documents it as the newest release for Server 2008;
#   v10.1+ needs 2012, v11.1+ 2016), notmyfaultc64.exe (from NotMyFault.zip), optionally livekd64.exe, and optionally
#   the x64 debuggers folder of an installed Windows SDK / WDK copied as DIR\Debuggers\x64 (kd.exe, cdb.exe, ...) or
#   the WDK 7.1 installer DIR\dbg_amd64.msi.
# Unpack the Sysinternals zips on the controller: extracting zips in PowerShell 2.0 needs Shell.Application, which
# hangs in a WinRM session.
param([string]$Downloads, [string]$Tools = 'C:\tools')
$ErrorActionPreference = 'Stop'
if (-not $Downloads) { throw '-Downloads is required' }

if (-not (Test-Path $Tools)) { New-Item -ItemType Directory -Path $Tools | Out-Null }
foreach ($f in @('procdump.exe', 'notmyfaultc64.exe')) {
    $src = Join-Path $Downloads $f
    if (-not (Test-Path $src)) { throw "$src is missing: download it from Sysinternals (see the comment at the top of this script)" }
    Copy-Item $src (Join-Path $Tools $f) -Force
    "Tools: $f copied to $Tools"
}
foreach ($f in @('procdump64.exe', 'livekd64.exe', 'livekd.exe')) {
    $src = Join-Path $Downloads $f
    if (Test-Path $src) {
        Copy-Item $src (Join-Path $Tools $f) -Force
        "Tools: $f copied to $Tools"
    }
}
$debuggers = Join-Path $Downloads 'Debuggers\x64'
$msi = Join-Path $Downloads 'dbg_amd64.msi'
if (Test-Path $debuggers) {
    Copy-Item $debuggers (Join-Path $Tools 'debuggers') -Recurse -Force
    "Tools: debuggers copied to $Tools\debuggers"
} elseif (Test-Path $msi) {
    $p = Start-Process msiexec.exe -ArgumentList @('/i', "`"$msi`"", '/qn', "INSTALLDIR=`"$Tools\debuggers`"") -Wait -PassThru
    if ($p.ExitCode -ne 0) { throw "msiexec $msi failed with exit code $($p.ExitCode)" }
    "Tools: Debugging Tools installed into $Tools\debuggers"
} else {
    "Tools: no debuggers given (kd/cdb are needed only for triage on the guest)"
}
