# WinRM for the repro lab harness (PowerShell 2.0, Server 2008 R2 SP1).
# Basic auth for the local Administrator, and quotas a trial needs at once (netstat poller, stop cycle, evidence):
# MaxShellsPerUser 10, MaxConcurrentOperationsPerUser 100, MaxMemoryPerShellMB 1024 (DISM with a rollup exceeds the
# default 150), MaxTimeoutms 60000 (the harness's Receives wait 60 s).
# -Https: an HTTPS listener on 5986 with a fresh self-signed certificate (CertEnroll; 2008 R2 has no
# New-SelfSignedCertificate), whose SHA-256 is printed for the lab config's certificateSha256.
# -AllowUnencrypted: Basic over HTTP (an isolated lab network only; Packer's communicator needs it while building).
param([switch]$Https, [switch]$AllowUnencrypted)
$ErrorActionPreference = 'Stop'

function Invoke-Native([string]$line) {
    cmd /c $line | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "failed (exit $LASTEXITCODE): $line" }
}

Invoke-Native 'winrm set winrm/config/service/auth @{Basic="true"}'
Invoke-Native 'winrm set winrm/config/winrs @{MaxShellsPerUser="10";MaxMemoryPerShellMB="1024"}'
Invoke-Native 'winrm set winrm/config/service @{MaxConcurrentOperationsPerUser="100"}'
Invoke-Native 'winrm set winrm/config @{MaxTimeoutms="60000"}'
if ($AllowUnencrypted) {
    Invoke-Native 'winrm set winrm/config/service @{AllowUnencrypted="true"}'
}
"WinRM: Basic on, MaxShellsPerUser 10, MaxConcurrentOperationsPerUser 100, MaxMemoryPerShellMB 1024, MaxTimeoutms 60000"

if ($Https) {
    $name = $env:COMPUTERNAME
    $dn = New-Object -ComObject X509Enrollment.CX500DistinguishedName
    $dn.Encode("CN=$name", 0)
    $key = New-Object -ComObject X509Enrollment.CX509PrivateKey
    $key.ProviderName = 'Microsoft RSA SChannel Cryptographic Provider'
    $key.KeySpec = 1
    $key.Length = 2048
    $key.MachineContext = 1
    $key.Create()
    $oids = New-Object -ComObject X509Enrollment.CObjectIds
    $serverAuth = New-Object -ComObject X509Enrollment.CObjectId
    $serverAuth.InitializeFromValue('1.3.6.1.5.5.7.3.1')
    $oids.Add($serverAuth)
    $eku = New-Object -ComObject X509Enrollment.CX509ExtensionEnhancedKeyUsage
    $eku.InitializeEncode($oids)
    $request = New-Object -ComObject X509Enrollment.CX509CertificateRequestCertificate
    $request.InitializeFromPrivateKey(2, $key, '')
    $request.Subject = $dn
    $request.Issuer = $dn
    $request.NotBefore = (Get-Date).AddDays(-1)
    $request.NotAfter = (Get-Date).AddYears(5)
    $request.X509Extensions.Add($eku)
    $request.Encode()
    $enrollment = New-Object -ComObject X509Enrollment.CX509Enrollment
    $enrollment.InitializeFromRequest($request)
    $enrollment.InstallResponse(2, $enrollment.CreateRequest(0), 0, '')
    $cert = Get-ChildItem Cert:\LocalMachine\My | Where-Object { $_.Subject -eq "CN=$name" } |
        Sort-Object NotBefore -Descending | Select-Object -First 1
    cmd /c 'winrm delete winrm/config/Listener?Address=*+Transport=HTTPS 2>nul' | Out-Null
    Invoke-Native ("winrm create winrm/config/Listener?Address=*+Transport=HTTPS @{Hostname=`"$name`";CertificateThumbprint=`"" + $cert.Thumbprint + "`"}")
    $sha256 = [Security.Cryptography.SHA256]::Create().ComputeHash($cert.RawData)
    "Listener: Transport=HTTPS Address=* Port=5986"
    "Thumbprint: " + $cert.Thumbprint
    "CertificateSha256: " + ([BitConverter]::ToString($sha256) -replace '-', '')
}
