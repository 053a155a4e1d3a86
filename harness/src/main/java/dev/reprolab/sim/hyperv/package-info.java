/**
 * The simulated Hyper-V host. It accepts, as {@code powershell -NoProfile -NonInteractive -EncodedCommand <base64
 * UTF-16LE>}, exactly the statements the Hyper-V backend ({@code dev.reprolab.lab.hyperv}) sends:
 *
 * <pre>
 * Get-VM [-Name 'X'] | Select-Object Name,State | ConvertTo-Json -Compress   → {"Name":"X","State":2} (array for several)
 * Start-VM -Name 'X'
 * Stop-VM -Name 'X' -Force [-TurnOff]
 * Checkpoint-VM -Name 'X' -SnapshotName 'Y'
 * Get-VMSnapshot -VMName 'X' | Select-Object Name | ConvertTo-Json -Compress
 * Restore-VMSnapshot -VMName 'X' -Name 'Y' -Confirm:$false
 * Remove-VMSnapshot -VMName 'X' -Name 'Y'
 * (Get-VMNetworkAdapter -VMName 'X').IPAddresses | ConvertTo-Json -Compress  → ["10.0.0.11","fe80::..."]
 * $PSVersionTable.PSVersion.Major                                             → 5
 * Get-Module -ListAvailable -Name Hyper-V | Select-Object Name | ConvertTo-Json -Compress → {"Name":"Hyper-V"}
 * Get-VM -Name 'X' | Select-Object Name,CheckpointType | ConvertTo-Json -Compress → {"Name":"X","CheckpointType":5}
 * </pre>
 *
 * State is Hyper-V's VMState number (2 Running, 3 Off, 4 Stopping, 10 Starting), as ConvertTo-Json prints an enum.
 * Unknown VMs and checkpoints get the module's error text; unknown cmdlets PowerShell's "is not recognized" error.
 */
package dev.reprolab.sim.hyperv;
