package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * A third-party client meets the simulated endpoint's w:TimedOut fault: pywinrm (Debian's python3-winrm, what Ansible
 * uses) retries a Receive it gets back as WinRMOperationTimeoutError, so the fault must carry exactly the
 * WSManFault code a real 2008 R2 sends. Skipped with a message when python3-winrm is not installed.
 */
public class PywinrmTimedOutTest {

    static final String SCRIPT = String.join("\n",
            "import sys, winrm",
            "p = winrm.Protocol(endpoint=sys.argv[1], transport='plaintext', username='Administrator', password=sys.argv[2],",
            "                   operation_timeout_sec=20, read_timeout_sec=30)",
            "shell = p.open_shell()",
            "cmd = p.run_command(shell, 'powershell', ['-NoProfile', '-Command', '\"Start-Sleep -Seconds 3; \\'done\\'\"'])",
            "out, err, code = p.get_command_output(shell, cmd)",
            "p.cleanup_command(shell, cmd)",
            "p.close_shell(shell)",
            "print(code, out.decode('cp437').strip())",
            "");

    @Test
    public void pywinrmRetriesTheSimsTimedOutFaultAndGetsTheOutput() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import winrm").start().waitFor() != 0) {
            throw new SkipException("python3-winrm is not installed (apt-get install python3-winrm): the third-party client check is skipped");
        }
        try (SimEndpoint lab = new SimEndpoint(b -> b.maxTimeout(Duration.ofSeconds(1)))) {
            Path script = Files.createTempFile("pywinrm", ".py");
            Files.writeString(script, SCRIPT);
            int before = lab.server.requests();
            Process p = new ProcessBuilder(python.toString(), script.toString(), "http://127.0.0.1:" + lab.server.port() + "/wsman",
                    SimEndpoint.PASSWORD).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pywinrm did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(p.exitValue(), 0, out);
            assertTrue(out.endsWith("0 done"), out);
            // open, command, two or more timed-out Receives, the last Receive, signal, close
            assertTrue(lab.server.requests() - before >= 7, "requests: " + (lab.server.requests() - before));
            assertEquals(lab.server.openShells(), 0);
        }
    }
}
