# reprolab:enable-winrm-https
# Sent by the Azure backend through Run Command (RunPowerShellScript). Makes a WinRM HTTPS listener on 5986 with a fresh
# self-signed certificate and prints the certificate's SHA-256, which the harness then pins. Server 2008 R2 has
# PowerShell 2.0 and no New-SelfSignedCertificate, so the certificate is made with the CertEnroll COM API.
$ErrorActionPreference = 'Stop'
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
