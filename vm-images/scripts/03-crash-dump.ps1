# Kernel dumps for the hang (PowerShell 2.0): a complete memory dump (CrashDumpEnabled 1), reboot after the
# bugcheck, overwrite the old MEMORY.DMP, and a fixed page file on C: of RAM + 1 GB (the kernel writes the dump
# through the boot volume's page file first: a complete dump needs at least RAM + 1 MB of it).
# The page file size applies at the next boot: reboot before taking the checkpoint.
$ErrorActionPreference = 'Stop'

function Invoke-Native([string]$line) {
    cmd /c $line | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "failed (exit $LASTEXITCODE): $line" }
}

$cc = 'HKLM\SYSTEM\CurrentControlSet\Control\CrashControl'
Invoke-Native "reg add $cc /v CrashDumpEnabled /t REG_DWORD /d 1 /f"
Invoke-Native "reg add $cc /v AutoReboot /t REG_DWORD /d 1 /f"
Invoke-Native "reg add $cc /v Overwrite /t REG_DWORD /d 1 /f"
Invoke-Native "reg add $cc /v DumpFile /t REG_EXPAND_SZ /d %SystemRoot%\MEMORY.DMP /f"

$cs = Get-WmiObject Win32_ComputerSystem
$ramMb = [int][Math]::Ceiling($cs.TotalPhysicalMemory / 1MB)
$size = $ramMb + 1024
Invoke-Native "wmic computersystem where name=`"%COMPUTERNAME%`" set AutomaticManagedPagefile=False"
Invoke-Native "wmic pagefileset where name=`"C:\\pagefile.sys`" set InitialSize=$size,MaximumSize=$size"
"CrashControl: complete memory dump, AutoReboot 1; page file C:\pagefile.sys $size MB for $ramMb MB RAM (after the next boot)"
