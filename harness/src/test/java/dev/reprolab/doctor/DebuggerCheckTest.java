package dev.reprolab.doctor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.reprolab.catalog.Catalog;
import dev.reprolab.lab.sim.SimBackend;
import dev.reprolab.lab.sim.SimBackends;
import dev.reprolab.triage.TriageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** With triage on, doctor checks the debuggers and LiveKd where the scenario says they are; off, it does not look. */
public class DebuggerCheckTest {

    @Test
    public void debuggersAndLiveKdAreCheckedBothWaysOnlyWhenTriageIsOn() throws Exception {
        Catalog catalog = Catalog.load(Path.of("../vm-images/catalog.yaml"));
        TriageSpec on = TriageSpec.defaults();
        TriageSpec t = new TriageSpec(true, on.debuggerDirs(), on.liveKd(), on.symbolPath(), on.kernelCommands(), on.userCommands(),
                on.liveCommands(), on.modules(), on.expectSignature(), on.deadline(), on.book());
        TriageSpec missing = new TriageSpec(true, List.of("C:\\no-debuggers"), "C:\\tools\\no-livekd.exe", on.symbolPath(),
                on.kernelCommands(), on.userCommands(), on.liveCommands(), on.modules(), on.expectSignature(), on.deadline(), on.book());
        try (SimBackend sim = SimBackends.start(catalog, 1, Files.createTempDirectory("dbgcheck"), false)) {
            List<String> ok = new ArrayList<>();
            new Doctor(sim, DoctorOptions.defaults(catalog, false).withTriage(t), ok::add).run();
            assertTrue(ok.stream().anyMatch(l -> l.matches("^ok\\s+lab-01: kd.exe and cdb.exe in .*Debuggers.x64$")), String.join("\n", ok));
            assertTrue(ok.stream().anyMatch(l -> l.matches("^ok\\s+lab-01: C:.tools.livekd64.exe present$")), String.join("\n", ok));

            List<String> bad = new ArrayList<>();
            assertEquals(new Doctor(sim, DoctorOptions.defaults(catalog, false).withTriage(missing), bad::add).run(), 1);
            assertTrue(bad.stream().anyMatch(l -> l.startsWith("FAIL lab-01: the Debugging Tools for Windows (kd.exe, cdb.exe) are in none of")
                    && l.contains("fix: install the x64 Debugging Tools")), String.join("\n", bad));
            assertTrue(bad.stream().anyMatch(l -> l.startsWith("FAIL lab-01: LiveKd is not at C:\\tools\\no-livekd.exe")), String.join("\n", bad));

            List<String> off = new ArrayList<>();
            new Doctor(sim, DoctorOptions.defaults(catalog, false), off::add).run();
            assertTrue(off.stream().noneMatch(l -> l.contains("kd.exe") || l.contains("LiveKd")), String.join("\n", off));
        }
    }
}
