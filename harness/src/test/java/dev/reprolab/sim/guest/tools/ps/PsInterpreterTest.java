package dev.reprolab.sim.guest.tools.ps;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class PsInterpreterTest {

    private FakePsHost host;
    private StringBuilder out;
    private StringBuilder err;
    private PsInterpreter ps;

    @BeforeMethod
    public void setUp() throws IOException {
        Path root = Files.createTempDirectory("psguest");
        Files.createDirectories(root.resolve("users/administrator"));
        Files.createDirectories(root.resolve("windows/system32/drivers"));
        Files.write(root.resolve("windows/system32/drivers/tcpip.sys"), new byte[1234]);
        host = new FakePsHost(root);
        out = new StringBuilder();
        err = new StringBuilder();
        ps = new PsInterpreter(host, out::append, err::append);
    }

    @Test
    public void chunkedUploadThenChunkedDownloadReturnsTheSameBytes() {
        byte[] data = new byte[300_001];
        new Random(7).nextBytes(data);
        ps.run("New-Item -ItemType Directory -Force -Path 'C:\\lab' | Out-Null");
        ps.run("$s = New-Object IO.FileStream('C:\\lab\\x.bin', [IO.FileMode]::Create, [IO.FileAccess]::Write)");
        for (int off = 0; off < data.length; off += 65536) {
            int len = Math.min(65536, data.length - off);
            String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, off, off + len));
            ps.run("$b=[Convert]::FromBase64String('" + b64 + "');$s.Write($b,0,$b.Length)");
        }
        ps.run("$s.Close()");
        assertEquals(out.toString(), "");
        assertEquals(err.toString(), "");

        ps.run("(Get-Item 'C:\\lab\\x.bin').Length");
        assertEquals(out.toString(), "300001\r\n");

        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        for (long off = 0; off < data.length; off += 100_000) {
            out.setLength(0);
            ps.run("$s=[IO.File]::OpenRead('C:\\lab\\x.bin');[void]$s.Seek(" + off + ",'Begin');"
                    + "$b=New-Object byte[] 100000;$n=$s.Read($b,0,$b.Length);$s.Close();"
                    + "[Convert]::ToBase64String($b,0,$n)");
            back.writeBytes(Base64.getDecoder().decode(out.toString().trim()));
        }
        assertEquals(back.toByteArray(), data);
        assertFalse(ps.hadError());
    }

    @Test
    public void appendModeAddsToTheEnd() throws IOException {
        ps.run("$s = New-Object IO.FileStream('C:\\a.txt', [IO.FileMode]::Create)\n"
                + "$b = [Convert]::FromBase64String('YWJj'); $s.Write($b, 0, 3); $s.Close()\n"
                + "$s = New-Object IO.FileStream('C:\\a.txt', [IO.FileMode]::Append)\n"
                + "$s.Write($b, 1, 2); $s.Close()");
        assertEquals(Files.readString(host.root.resolve("a.txt")), "abcbc");
        assertEquals(err.toString(), "");
    }

    @Test
    public void missingFileGivesDotNetErrorInPowerShell2Layout() {
        ps.run("[IO.File]::OpenRead('C:\\nope.txt')");
        assertEquals(err.toString(),
                "Exception calling \"OpenRead\" with \"1\" argument(s): \"Could not find file 'C:\\nope.txt'.\"\r\n"
                        + "At line:1 char:20\r\n"
                        + "+ [IO.File]::OpenRead <<<< ('C:\\nope.txt')\r\n"
                        + "    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException\r\n"
                        + "    + FullyQualifiedErrorId : DotNetMethodException\r\n \r\n");
        assertTrue(ps.hadError());
    }

    @Test
    public void getItemOfMissingPathAndConvertToJsonFailLikePowerShell2() {
        ps.run("(Get-Item 'C:\\nope').Length");
        assertTrue(err.toString().startsWith("Get-Item : Cannot find path 'C:\\nope' because it does not exist."
                + "\r\nAt line:1 char:10\r\n+ (Get-Item <<<<  'C:\\nope').Length\r\n"), err.toString());
        err.setLength(0);
        ps.run("Get-Date | ConvertTo-Json");
        // ConvertTo-Json is PowerShell 3.0: 2.0 knows Get-Date but not it.
        assertTrue(err.toString().startsWith("The term 'ConvertTo-Json' is not recognized as the name of a cmdlet,"
                + " function, script file, or operable program."), err.toString());
        err.setLength(0);
        ps.run("'x' | ConvertTo-Json");
        assertTrue(err.toString().contains("+ 'x' | ConvertTo-Json <<<< \r\n"), err.toString());
        assertTrue(err.toString().contains("ObjectNotFound: (ConvertTo-Json:String) [], CommandNotFoundException"));
    }

    @Test
    public void probesPrintValues() {
        ps.run("Test-Path 'C:\\Windows'; Test-Path 'C:\\nothing'; [IO.File]::Exists('C:\\Windows')");
        assertEquals(out.toString(), "True\r\nFalse\r\nFalse\r\n");
        out.setLength(0);
        ps.run("(Get-Item 'C:\\Windows\\System32\\drivers\\tcpip.sys').VersionInfo.FileVersion");
        assertEquals(out.toString(), "6.1.7601.24168 (win7sp1_ldr_escrow.180611-0600)\r\n");
        out.setLength(0);
        ps.run("(Get-WmiObject Win32_OperatingSystem).LastBootUpTime");
        assertEquals(out.toString(), "20181024093512.500000+060\r\n");
    }

    @Test
    public void exitStopsTheScriptWithItsCode() {
        OptionalInt code = ps.run("Write-Output 'a'; exit 7; Write-Output 'b'");
        assertEquals(code, OptionalInt.of(7));
        assertEquals(out.toString(), "a\r\n");
    }

    @Test
    public void removeItemDeletesAndComplainsWhenMissing() throws IOException {
        Files.writeString(host.root.resolve("f.txt"), "x");
        ps.run("Remove-Item -Force 'C:\\f.txt'");
        assertFalse(Files.exists(host.root.resolve("f.txt")));
        ps.run("Remove-Item -Force 'C:\\f.txt'");
        assertTrue(err.toString().startsWith("Remove-Item : Cannot find path 'C:\\f.txt' because it does not exist."));
        assertTrue(err.toString().contains("PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"));
    }

    @Test
    public void hotfixTableUsesFormatTableLayout() {
        host.hotfixes.add(new PsHost.HotFixRow("Update", "KB4338818", "NT AUTHORITY\\SYSTEM", "10/24/2018"));
        ps.run("Get-HotFix");
        assertEquals(out.toString(), "\r\n"
                + "Source        Description      HotFixID      InstalledBy          InstalledOn  \r\n"
                + "------        -----------      --------      -----------          -----------  \r\n"
                + "WIN-2008R2... Update           KB4338818     NT AUTHORITY\\SYSTEM  10/24/2018...\r\n"
                + "\r\n\r\n");
    }

    @Test
    public void encodedCommandDecodesUtf16() {
        String script = "Write-Output \"hi $x\"";
        String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        PsInvocation inv = PsInvocation.parse(List.of("-NoProfile", "-NonInteractive", "-EncodedCommand", b64));
        assertEquals(inv.script(), script);
        PsInvocation stdin = PsInvocation.parse(List.of("-NoProfile", "-NonInteractive", "-Command", "-"));
        assertTrue(stdin.fromStdin());
        PsInvocation cmd = PsInvocation.parse(new ArrayList<>(List.of("-Command", "Test-Path", "'C:\\x'")));
        assertEquals(cmd.script(), "Test-Path 'C:\\x'");
    }
}
