package dev.reprolab.scenario;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.reprolab.cli.Main;
import dev.reprolab.input.BadInputException;
import dev.reprolab.workload.Hook;
import dev.reprolab.workload.ReproducedWhen;
import dev.reprolab.workload.Step;
import dev.reprolab.workload.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class WorkloadLoaderTest {

    static final String COMMON = String.join("\n",
            "updates:",
            "  catalog: ../vm-images/catalog.yaml",
            "  packages: ../vm-images/updates/sim",
            "patchSets:",
            "  july:",
            "    kbs: [KB4284826, KB4338818]",
            "trials: 2",
            "");

    static final String SERVICE = String.join("\n",
            "name: svc",
            "workload: service",
            "service:",
            "  name: SqlSim",
            "  files:",
            "    - {from: ../vm-images/standin-service/standin-svc.exe, to: 'C:\\standin\\standin-svc.exe'}",
            "  install:",
            "    - name: create the service",
            "      cmd: sc create SqlSim binPath= \"C:\\standin\\standin-svc.exe -port 1433\" start= auto",
            "  images: [standin-svc.exe]",
            "  ports: [1433]",
            "steps:",
            "  observe:",
            "    - powershell: netstat -ano | Select-String ':1433'",
            "      deadline: 20s",
            "reproducedWhen:",
            "  - restart-fails",
            "  - all: [port-stuck, {step-fails: observe}]",
            "") + COMMON;

    @Test
    public void withoutAWorkloadKeyTheScenarioIsApacheAndTheRuleTheCasesRule() {
        Scenario s = ScenarioLoader.load(ScenarioLoaderTest.root().resolve("scenarios/apache-stop-hang.yaml"));
        assertTrue(s.workload() instanceof Workload.Apache);
        assertEquals(s.workload().serviceName(), "Apache2.4");
        assertEquals(s.workload().images(), java.util.List.of("httpd.exe"));
        assertEquals(s.reproducedWhen(), ReproducedWhen.DEFAULT);
        assertTrue(s.steps().at(Hook.OBSERVE).isEmpty());
    }

    @Test
    public void aServiceWorkloadWithStepsAndRules() throws Exception {
        Path f = ScenarioLoaderTest.write(SERVICE);
        Scenario s = ScenarioLoader.load(f);
        Workload.Service w = (Workload.Service) s.workload();
        assertEquals(w.serviceName(), "SqlSim");
        assertEquals(w.port(), 1433);
        assertEquals(w.load().kind(), Workload.Load.Kind.TCP);
        assertEquals(w.startCommand(), "sc start SqlSim");
        assertEquals(w.install().get(0).name(), "create the service");
        assertEquals(w.install().get(0).definedAt(), f + ":8:7");
        Step observe = s.steps().at(Hook.OBSERVE).get(0);
        assertEquals(observe.shell(), Step.Shell.POWERSHELL);
        assertEquals(observe.deadline(), Duration.ofSeconds(20));
        assertEquals(observe.name(), "observe#1");
        assertEquals(s.reproducedWhen().toString(), "restart-fails or port-stuck + step-fails: observe");
    }

    @DataProvider
    public Object[][] bad() {
        return new Object[][] {
            {SERVICE.replace("workload: service", "workload: sql"), "2:11", "does not have a value in the enumeration"},
            {SERVICE.replace("  - restart-fails", "  - restart-failed"), "17:5", "unknown condition 'restart-failed'"},
            {SERVICE.replace("{step-fails: observe}", "{step-fails: beforeStop}"), "18:36", "steps.beforeStop has no steps"},
            {SERVICE.replace("{step-fails: observe}", "{step-fails: afterwards}"), "18:36", "no hook 'afterwards'"},
            {SERVICE.replace("    - powershell: netstat", "    - cmd: netstat -ano\n      powershell: netstat"), "14:7", "either powershell: or cmd:"},
            {SERVICE.replace("standin-svc.exe, to", "missing.exe, to"), "6:14", "not found"},
            {SERVICE.replace("  ports: [1433]\n", ""), "4:3", "required property 'ports' not found"},
            {SERVICE.replace("workload: service\n", ""), "2:1", "'service:' describes workload service, but this scenario's workload is apache"},
            {SERVICE.replace("      deadline: 20s", "      deadline: soon"), "15:17", "does not match"},
            {SERVICE.replace("  images: [standin-svc.exe]", "  images: [standin-svc]"), "10:12", "does not match"},
            {"name: x\nworkload: iis\napache:\n  zip: ../vm-images/apache/httpd-2.4.34-win64-VC15-simlab.zip\n" + COMMON, "3:1",
                "'apache:' describes workload apache, but this scenario's workload is iis"},
            {"name: x\niis: {stop: kill}\nworkload: iis\n" + COMMON, "2:13", "does not have a value in the enumeration"},
            {"name: x\n" + COMMON, "1:1", "workload apache needs an 'apache:' section"},
        };
    }

    @Test(dataProvider = "bad")
    public void badWorkloadDefinitionsAreOneLineAtTheSpot(String yaml, String lineCol, String message) throws Exception {
        Path f = ScenarioLoaderTest.write(yaml);
        BadInputException e = expectThrows(BadInputException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":" + lineCol + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        PrintStream err = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true));
        try {
            assertEquals(Main.execute("validate", f.toString()), 2);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    public void iisDefaultsToServerManagerAndScStop() throws Exception {
        Scenario s = ScenarioLoader.load(ScenarioLoaderTest.write("name: x\nworkload: iis\n" + COMMON));
        Workload.Iis w = (Workload.Iis) s.workload();
        assertEquals(w.installer(), dev.reprolab.workload.Installer.SERVER_MANAGER);
        assertEquals(w.stopCommand(), "sc stop W3SVC");
        assertEquals(w.serviceName(), "W3SVC");
        assertEquals(new Workload.Iis(dev.reprolab.workload.Installer.DISM, 80, "iisreset").stopCommand(), "iisreset /stop");
    }
}
