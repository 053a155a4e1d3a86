package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * PowerShell 2.0 on a simulated guest, driven by a client that is not ours: pywinrm's {@code run_ps} (base64 of
 * UTF-16LE as {@code -EncodedCommand}, what Ansible and many scripts use). It runs one-liners of the kind such tools
 * send, then uploads a file the way image builders do (base64 chunks appended with Add-Content, decoded with
 * [Convert] and written with [IO.File]) and checks the guest's SHA-256 of it against the local one.
 */
public class PywinrmPowershellTest {

    static final String SCRIPT = String.join("\n",
            "import sys, base64, hashlib, winrm",
            "s = winrm.Session(sys.argv[1], auth=('Administrator', sys.argv[2]), transport='plaintext')",
            "def ps(script):",
            "    r = s.run_ps(script)",
            "    if r.status_code != 0 or r.std_err:",
            "        raise SystemExit('FAILED %r: %d %r %r' % (script[:60], r.status_code, r.std_out, r.std_err))",
            "    return r.std_out.decode('cp437')",
            "print('major=' + ps('$PSVersionTable.PSVersion.Major').strip())",
            "print('computer=' + ps('$env:COMPUTERNAME').strip())",
            "print('sum=' + ps('(1..10 | Measure-Object -Sum).Sum').strip())",
            "print('join=' + ps(\"@('a','b','c') -join ','\").strip())",
            "print('svc=' + ps(\"New-Service -Name Probe -BinaryPathName 'C:\\\\tools\\\\probe.exe' | Out-Null; (Get-Service Probe).Status\").strip())",
            "print('sc=' + s.run_cmd('sc', ['query', 'Probe']).std_out.decode('cp437').split('STATE')[1].split()[2])",
            "# run_ps cannot read a plain-text stderr in Debian's pywinrm (it expects bytes CLIXML), so run_cmd the same encoding",
            "r = s.run_cmd('powershell', ['-NoProfile', '-EncodedCommand', base64.b64encode('ConvertTo-Json @{a=1}'.encode('utf-16-le')).decode()])",
            "print('json_rc=%d' % r.status_code)",
            "print('json_err=' + r.std_err.decode('cp437').splitlines()[0])",
            "data = open(sys.argv[3], 'rb').read()",
            "b64 = base64.b64encode(data).decode('ascii')",
            "tmp = 'C:\\\\Windows\\\\Temp\\\\upload.b64'",
            "dst = 'C:\\\\lab\\\\payload.bin'",
            "ps(\"New-Item -ItemType Directory -Force -Path 'C:\\\\lab' | Out-Null; if (Test-Path '%s') { Remove-Item -Force '%s' }\" % (tmp, tmp))",
            "chunks = 0",
            "for i in range(0, len(b64), 2000):",
            "    ps(\"Add-Content -Path '%s' -Value '%s'\" % (tmp, b64[i:i + 2000]))",
            "    chunks += 1",
            "ps(\"$b64 = [string]::Join('', (Get-Content '%s')); [IO.File]::WriteAllBytes('%s', [Convert]::FromBase64String($b64))\" % (tmp, dst))",
            "h = ps(\"$f = [IO.File]::OpenRead('%s'); $h = [Security.Cryptography.SHA256]::Create().ComputeHash($f); $f.Close();"
                    + " [BitConverter]::ToString($h).Replace('-', '')\" % dst).strip().lower()",
            "size = ps(\"(Get-Item '%s').Length\" % dst).strip()",
            "print('chunks=%d size=%s' % (chunks, size))",
            "print('hash_ok=%s' % (h == hashlib.sha256(data).hexdigest()))",
            "");

    static final String GOLDEN = String.join("\n",
            "import sys, json, base64, winrm",
            "s = winrm.Session(sys.argv[1], auth=('Administrator', sys.argv[2]), transport='plaintext')",
            "out = []",
            "for script in json.load(open(sys.argv[3])):",
            "    enc = base64.b64encode(script.encode('utf-16-le')).decode('ascii')",
            "    r = s.run_cmd('powershell', ['-NoProfile', '-NonInteractive', '-EncodedCommand', enc])",
            "    out.append([r.std_out.decode('cp437'), r.std_err.decode('cp437'), r.status_code])",
            "json.dump(out, open(sys.argv[4], 'w'))",
            "");

    /** Every golden snippet again, now as powershell.exe -EncodedCommand over WinRM from pywinrm, compared byte for byte. */
    @Test
    public void everyGoldenSnippetPrintsTheSameOverWinRmFromPywinrm() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import winrm").start().waitFor() != 0) {
            throw new SkipException("python3-winrm is not installed (apt-get install python3-winrm): the third-party client check is skipped");
        }
        var snippets = dev.reprolab.sim.guest.tools.ps.PowerShell2GoldenTest.load();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path in = Files.createTempFile("golden-in", ".json");
        Path out = Files.createTempFile("golden-out", ".json");
        json.writeValue(in.toFile(), snippets.stream().map(s -> s.script()).toList());
        try (SimEndpoint lab = new SimEndpoint(b -> b)) {
            Path script = Files.createTempFile("pywinrm-golden", ".py");
            Files.writeString(script, GOLDEN);
            Process p = new ProcessBuilder(python.toString(), script.toString(), "http://127.0.0.1:" + lab.server.port() + "/wsman",
                    SimEndpoint.PASSWORD, in.toString(), out.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(600, TimeUnit.SECONDS), "pywinrm did not finish");
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(p.exitValue(), 0, log);
        }
        var results = json.readTree(out.toFile());
        java.util.List<String> failures = new java.util.ArrayList<>();
        int passed = 0;
        for (int i = 0; i < snippets.size(); i++) {
            var r = results.get(i);
            var bad = dev.reprolab.sim.guest.tools.ps.PowerShell2GoldenTest.compare(snippets.get(i), r.get(0).asText(), r.get(1).asText(),
                    r.get(2).asInt());
            if (bad.isEmpty()) {
                passed++;
            }
            failures.addAll(bad);
        }
        assertEquals(failures, java.util.List.of(), passed + "/" + snippets.size() + " pass over WinRM:\n" + String.join("\n", failures));
    }

    @Test
    public void pywinrmRunsPowershellOneLinersAndUploadsAFileIntact() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import winrm").start().waitFor() != 0) {
            throw new SkipException("python3-winrm is not installed (apt-get install python3-winrm): the third-party client check is skipped");
        }
        byte[] payload = new byte[300_000];
        new Random(14).nextBytes(payload);
        Path file = Files.createTempFile("payload", ".bin");
        Files.write(file, payload);
        try (SimEndpoint lab = new SimEndpoint(b -> b)) {
            Path script = Files.createTempFile("pywinrm-ps", ".py");
            Files.writeString(script, SCRIPT);
            Process p = new ProcessBuilder(python.toString(), script.toString(), "http://127.0.0.1:" + lab.server.port() + "/wsman",
                    SimEndpoint.PASSWORD, file.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "pywinrm did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(p.exitValue(), 0, out);
            assertTrue(out.contains("major=2\n"), out);
            assertTrue(out.contains("computer=" + lab.guest.computerName() + "\n"), out);
            assertTrue(out.contains("sum=55\n"), out);
            assertTrue(out.contains("join=a,b,c\n"), out);
            assertTrue(out.contains("svc=Stopped\n"), out);
            assertTrue(out.contains("sc=STOPPED\n"), out); // the service PowerShell created is the one sc.exe sees
            assertTrue(out.contains("json_rc=1\n"), out);
            assertTrue(out.contains("json_err=The term 'ConvertTo-Json' is not recognized as the name of a cmdlet"), out);
            assertTrue(out.contains("chunks=200 size=300000\n"), out);
            assertTrue(out.contains("hash_ok=True"), out);
            byte[] onGuest = Files.readAllBytes(lab.guest.file("C:\\lab\\payload.bin"));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onGuest)),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
        }
    }
}
