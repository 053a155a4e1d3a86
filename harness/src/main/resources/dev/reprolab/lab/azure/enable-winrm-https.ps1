# reprolab:enable-winrm-https
# Sent by the Azure backend through Run Command (RunPowerShellScript). Makes a WinRM HTTPS listener on 5986 with a fresh
# self-signed certificate and prints the certificate's SHA-256, which the harness then pins. Server 2008 R2 has
# PowerShell 2.0 and no New-SelfSignedCertificate, so the certificate is made with the CertEnroll COM API.
# It also turns TLS 1.2 on for SChannel, server and client (2008 R2 ships it off, and the harness's Java client refuses
# TLS 1.0). SChannel reads those keys when it loads: the boot that applies them is the clean checkpoint's, which
# deallocates and starts the VM right after this script.
$ErrorActionPreference = 'Stop'
$tlsChanged = $false
foreach ($side in @('Server', 'Client')) {
    $k = "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\$side"
    foreach ($v in @(@('Enabled', 1), @('DisabledByDefault', 0))) {
        $now = cmd /c "reg query `"$k`" /v $($v[0]) 2>nul"
        if (-not (($now | Out-String) -match "REG_DWORD\s+0x$($v[1])\b")) {
            cmd /c "reg add `"$k`" /v $($v[0]) /t REG_DWORD /d $($v[1]) /f" | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "reg add $k $($v[0]) failed (exit $LASTEXITCODE)" }
            $tlsChanged = $true
        }
    }
}
$name = $env:COMPUTERNAME
$dn = New-Object -ComObject X509Enrollment.CX500DistinguishedName
$dn.Encode("CN=$name", 0)
$key = New-Object -ComObject X509Enrollment.CX509PrivateKey
$key.ProviderName = 'Microsoft RSA SChannel Cryptographic Provider'
$key.KeySpec = 1
$key.Length = 2048
$key.MachineContext = 1
$key.Create()
$ekuOids = New-Object -ComObject X509Enrollment.CObjectIds
$serverAuth = New-Object -ComObject X509Enrollment.CObjectId
$serverAuth.InitializeFromValue('1.3.6.1.5.5.7.3.1')
$ekuOids.Add($serverAuth)
$eku = New-Object -ComObject X509Enrollment.CX509ExtensionEnhancedKeyUsage
$eku.InitializeEncode($ekuOids)
$request = New-Object -ComObject X509Enrollment.CX509CertificateRequestCertificate
$request.InitializeFromPrivateKey(2, $key, '')
$request.Subject = $dn
$request.Issuer = $dn
$request.NotBefore = (Get-Date).AddDays(-1)
$request.NotAfter = (Get-Date).AddYears(2)
$request.X509Extensions.Add($eku)
$request.Encode()
$enrollment = New-Object -ComObject X509Enrollment.CX509Enrollment
$enrollment.InitializeFromRequest($request)
$enrollment.InstallResponse(2, $enrollment.CreateRequest(0), 0, '')
$cert = Get-ChildItem Cert:\LocalMachine\My | Where-Object { $_.Subject -eq "CN=$name" } | Sort-Object NotBefore -Descending | Select-Object -First 1
cmd /c 'winrm delete winrm/config/Listener?Address=*+Transport=HTTPS 2>nul' | Out-Null
cmd /c "winrm create winrm/config/Listener?Address=*+Transport=HTTPS @{Hostname=`"$name`";CertificateThumbprint=`"$($cert.Thumbprint)`"}" | Out-Null
cmd /c 'winrm set winrm/config/service/auth @{Basic="true"}' | Out-Null
netsh advfirewall firewall add rule name="WinRM HTTPS (5986)" dir=in action=allow protocol=TCP localport=5986 | Out-Null
$sha256 = [Security.Cryptography.SHA256]::Create().ComputeHash($cert.RawData)
"Listener: Transport=HTTPS Address=* Port=5986"
"Firewall: rule `"WinRM HTTPS (5986)`" added"
"Thumbprint: " + $cert.Thumbprint
"CertificateSha256: " + ([BitConverter]::ToString($sha256) -replace '-', '')
if ($tlsChanged) {
    "SChannel: TLS 1.2 enabled (Server, Client); takes effect at the next boot"
} else {
    "SChannel: TLS 1.2 already enabled"
}
