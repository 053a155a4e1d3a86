package dev.reprolab.sim.guest.tools.ps;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * How PowerShell 2.0 runs a script file: named parameters of its param() block (by unambiguous prefix, switches,
 * [Parameter(Mandatory = $true)]), {@code powershell -File} arguments, {@code $MyInvocation} /
 * {@code $PSBoundParameters}, and {@code $ErrorActionPreference = 'Stop'} ending the script on any error.
 */
public class ScriptInvocationTest {

    private Path root;
    private StringBuilder out;
    private StringBuilder err;
    private PsInterpreter ps;

    @BeforeMethod
    public void setUp() throws Exception {
        root = Files.createTempDirectory("psguest");
        Files.createDirectories(root.resolve("users/administrator"));
        Files.createDirectories(root.resolve("p"));
        Files.writeString(root.resolve("p/s.ps1"), "param([string]$Downloads, [string]$Scripts = 'C:\\provision', [switch]$Https)\r\n"
                + "\"D=$Downloads S=$Scripts H=$Https rest=$($args.Count)\"\r\n");
        Files.writeString(root.resolve("p/m.ps1"), "param([Parameter(Mandatory = $true)][string]$Name, [int]$N = 3)\r\n\"N=$Name $N\"\r\n");
        Files.writeString(root.resolve("p/inv.ps1"), "param([string]$Name)\r\n$MyInvocation.MyCommand.Path\r\n$MyInvocation.MyCommand.Name\r\n"
                + "Split-Path -Parent $MyInvocation.MyCommand.Path\r\n$MyInvocation.MyCommand.CommandType\r\n"
                + "$PSBoundParameters['Name']\r\n$MyInvocation.BoundParameters.Count\r\n& 'C:\\p\\inner.ps1'\r\n");
        Files.writeString(root.resolve("p/inner.ps1"), "'called from ' + $MyInvocation.ScriptName\r\n");
        Files.writeString(root.resolve("p/stop.ps1"), "$ErrorActionPreference = 'Stop'\r\nnosuchcommand-xyz\r\n'after'\r\n");
        Files.writeString(root.resolve("p/cont.ps1"), "nosuchcommand-xyz\r\n'after'\r\n");
        out = new StringBuilder();
        err = new StringBuilder();
        ps = new PsInterpreter(new FakePsHost(root), out::append, err::append);
        ps.executionPolicy("Bypass");
    }

    private String run(String script) {
        out.setLength(0);
        err.setLength(0);
        ps.run(script);
        return out.toString();
    }

    @Test
    public void aScriptBindsNamedParametersLikeAFunction() {
        assertEquals(run("& 'C:\\p\\s.ps1' -Downloads 'C:\\dl' -Https"), "D=C:\\dl S=C:\\provision H=True rest=0\r\n");
        assertEquals(run("& 'C:\\p\\s.ps1' -Down 'C:\\dl'"), "D=C:\\dl S=C:\\provision H=False rest=0\r\n", "a unique prefix names it");
        assertEquals(run("& 'C:\\p\\s.ps1' -Scripts 'C:\\x' 'C:\\dl' more"), "D=C:\\dl S=C:\\x H=False rest=1\r\n",
                "positional arguments fill the parameters not named, the rest goes to $args");
        assertEquals(run("& 'C:\\p\\m.ps1' -Name foo"), "N=foo 3\r\n");
        assertEquals(run("& 'C:\\p\\m.ps1' -Name foo -N 5"), "N=foo 5\r\n");
        assertEquals(err.toString(), "");
    }

    @Test
    public void powershellFileBindsNamedArguments() {
        assertEquals(run(ps.fileScript("C:\\p\\s.ps1", List.of("-Downloads", "C:\\my downloads", "-Https"))),
                "D=C:\\my downloads S=C:\\provision H=True rest=0\r\n");
        assertEquals(run(ps.fileScript("C:\\p\\s.ps1", List.of("-Scripts:C:\\it's", "C:\\dl"))),
                "D=C:\\dl S=C:\\it's H=False rest=0\r\n");
        assertEquals(run(ps.fileScript("C:\\p\\s.ps1", List.of("'-Downloads'"))), "D='-Downloads' S=C:\\provision H=False rest=0\r\n",
                "only a bare -Name is a parameter name");
    }

    @Test
    public void myInvocationDescribesTheRunningScriptAndFunction() {
        assertEquals(run("& 'C:\\p\\inv.ps1' -Name n1"), "C:\\p\\inv.ps1\r\ninv.ps1\r\nC:\\p\r\nExternalScript\r\nn1\r\n1\r\n"
                + "called from C:\\p\\inv.ps1\r\n");
        assertEquals(run("function f { param($a) $MyInvocation.MyCommand.Name; $MyInvocation.MyCommand.CommandType; $PSBoundParameters.Count }; f -a 1"),
                "f\r\nFunction\r\n1\r\n");
        assertEquals(run("$MyInvocation.MyCommand.Path -eq $null; $MyInvocation.ScriptName -eq ''"), "True\r\nTrue\r\n",
                "the command line is no script file");
        assertEquals(err.toString(), "");
    }

    @Test
    public void splitPathOfNullIsABindingErrorNotACrash() {
        run("Split-Path -Parent $null; 'next'");
        assertEquals(out.toString(), "next\r\n");
        assertTrue(err.toString().startsWith("Split-Path : Cannot bind argument to parameter 'Path' because it is null."), err.toString());
    }

    @Test
    public void stopPreferenceEndsTheScriptOnACommandNotFound() {
        assertEquals(run("& 'C:\\p\\stop.ps1'; 'next'"), "", "neither the script's next line nor the caller's");
        assertTrue(err.toString().contains("CommandNotFoundException"), err.toString());
        assertTrue(ps.hadError());
        assertEquals(run("& 'C:\\p\\cont.ps1'; 'next'"), "after\r\nnext\r\n", "by default only the statement fails");
        assertEquals(run("try { & 'C:\\p\\stop.ps1' } catch { 'caught ' + $_.Exception.GetType().Name }; 'next'"),
                "caught CommandNotFoundException\r\nnext\r\n");
    }

    @Test
    public void stopPreferenceAndErrorActionStopEndTheScriptOnACmdletError() {
        assertEquals(run("$ErrorActionPreference = 'Stop'; Get-Item C:\\nope; 'after'"), "");
        assertTrue(err.toString().startsWith("Get-Item : Command execution stopped because the preference variable"), err.toString());
        run("$ErrorActionPreference = 'Continue'");
        assertEquals(run("function g { Get-Item C:\\nope -ErrorAction Stop; 'in g' }; g; 'after'"), "");
        assertEquals(run("Get-Item C:\\nope; 'after'"), "after\r\n");
        assertFalse(err.toString().isEmpty());
    }
}
