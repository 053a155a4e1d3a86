# The servicing stack update the 2018 rollups need before DISM can add them (PowerShell 2.0), from the .msu the user
# downloaded from the Microsoft Update Catalog (e.g. windows6.1-kb3177467-x64.msu). wusa refuses to run in a WinRM
# session, so the package is expanded and its CAB added with DISM. Exit 3010 = reboot required (expected).
param([string]$Msu, [string]$Work = 'C:\Windows\Temp\ssu')
$ErrorActionPreference = 'Stop'
if (-not $Msu) { throw '-Msu is required' }

if (-not (Test-Path $Msu)) { throw "$Msu is missing: download the servicing stack update from the Microsoft Update Catalog" }
if (Test-Path $Work) { Remove-Item $Work -Recurse -Force }
New-Item -ItemType Directory -Path $Work | Out-Null
cmd /c "expand -f:* `"$Msu`" `"$Work`"" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "expand $Msu failed (exit $LASTEXITCODE)" }
$cab = Get-ChildItem $Work -Filter 'Windows6.1-KB*.cab' | Select-Object -First 1
if ($cab -eq $null) { throw "no update CAB in $Msu" }
cmd /c "dism /online /add-package /packagepath:`"$($cab.FullName)`" /quiet /norestart" | Out-Null
$rc = $LASTEXITCODE
if ($rc -ne 0 -and $rc -ne 3010) { throw "dism /add-package $($cab.Name) failed (exit $rc)" }
"Servicing stack: $($cab.Name) added (exit $rc; reboot before the checkpoint)"
