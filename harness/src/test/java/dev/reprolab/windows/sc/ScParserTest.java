package dev.reprolab.windows.sc;

import dev.reprolab.windows.Fixtures;
import dev.reprolab.windows.text.Lines;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class ScParserTest {

    @DataProvider
    public Object[][] sequence() {
        return Fixtures.variants("sc/sc-query-stop-query-VulnService-RUNNING-STOP_PENDING-STOPPED.txt");
    }

    @Test(dataProvider = "sequence")
    public void readsQueryStopQueryInOrder(String name, String text) {
        List<ScEntry> out = ScParser.parse(text);
        assertEquals(out.size(), 3);
        ServiceStatus running = (ServiceStatus) out.get(0);
        assertEquals(running, new ServiceStatus("VulnService", ServiceStatus.WIN32_OWN_PROCESS, ServiceState.RUNNING,
                ServiceStatus.STOPPABLE, 0, 0, 0, 0, null, null));
        assertEquals(((ServiceStatus) out.get(1)).state(), ServiceState.STOP_PENDING);
        assertEquals(((ServiceStatus) out.get(2)).stateCode(), 1);
        assertEquals(((ServiceStatus) out.get(2)).controls(), List.of());
    }

    @Test
    public void readsStopPendingCheckpointAndStartPendingPid() {
        List<ScEntry> out = ScParser.parse(Fixtures.raw(
                "sc/sc-stop-dns-STOP_PENDING-checkpoint-then-start-START_PENDING-htb-academy.txt"));
        ServiceStatus stop = (ServiceStatus) out.get(0);
        assertEquals(stop.checkpoint(), 1);
        assertEquals(stop.waitHint(), 30000);
        ServiceStatus start = (ServiceStatus) out.get(1);
        assertEquals(start.state(), ServiceState.START_PENDING);
        assertEquals(start.pid(), Integer.valueOf(6960));
        assertEquals(start.waitHint(), 2000);
        ServiceStatus uso = (ServiceStatus) ScParser.parse(Fixtures.raw(
                "sc/sc-stop-UsoSvc-STOP_PENDING-type30-trailing-ws-stripped.txt")).get(0);
        assertEquals(uso.type(), ServiceStatus.WIN32);
        assertEquals(uso.checkpoint(), 3);
    }

    @Test
    public void readsFailures() {
        assertEquals(ScParser.parse(Fixtures.raw("sc/sc-queryex-FAILED-1060-EnumQueryServicesStatus.txt")),
                List.of(new ScFailure("EnumQueryServicesStatus:OpenService", 1060,
                        "The specified service does not exist as an installed service.")));
        assertEquals(ScParser.parse(Fixtures.raw("sc/sc-query-FAILED-1060-crlf-test-fixture-string.txt")).size(), 1);
        assertEquals(ScParser.parse(Fixtures.raw("sc/sc-stop-ControlService-FAILED-1061-test-fixture-string.txt")),
                List.of(new ScFailure("ControlService", 1061, "The service cannot accept control messages at this time.")));
        List<ScEntry> vss = ScParser.parse(Fixtures.raw("sc/sc-stop-FAILED-1062-and-start-FAILED-1053-evilwinrm-vss.txt"));
        assertEquals(vss, List.of(new ScFailure("ControlService", 1062, "The service has not been started."),
                new ScFailure("StartService", 1053,
                        "The service did not respond to the start or control request in a timely fashion.")));
        List<ScEntry> batch = ScParser.parse(Fixtures.raw(
                "sc/sc-batch-1062-DeleteService-SUCCESS-StartService-FAILED-with-error.txt"));
        assertEquals(batch.get(1), new ScFailure("StartService", 4294967201L, null));
        List<ScEntry> thm = ScParser.parse(Fixtures.raw("sc/sc-stop-FAILED-1062-then-start-START_PENDING-pid-thm.txt"));
        assertEquals(((ScFailure) thm.get(0)).error(), 1062);
        assertEquals(((ServiceStatus) thm.get(1)).pid(), Integer.valueOf(3328));
        assertEquals(ScParser.parse(Fixtures.raw("sc/UNSURE-sc-delete-OpenService-FAILED-1060-single-line.txt")),
                List.of(new ScFailure("OpenService", 1060,
                        "The specified service does not exist as an installed service.")));
    }

    @Test
    public void readsLocalizedLabelsByPosition() {
        String ru = "ИМЯ_СЛУЖБЫ: zapret \r\n        ТИП               : 10  WIN32_OWN_PROCESS  \r\n"
                + "        СОСТОЯНИЕ         : 3  STOP_PENDING \r\n"
                + "        КОД_ВЫХОДА_WIN32  : 0  (0x0)\r\n        КОД_ВЫХОДА_СЛУЖБЫ : 0  (0x0)\r\n"
                + "        КОНТРОЛЬНАЯ_ТОЧКА : 0x4\r\n        ОЖИДАНИЕ          : 0x7d0\r\n";
        ServiceStatus s = (ServiceStatus) ScParser.parse(ru).get(0);
        assertEquals(s.serviceName(), "zapret");
        assertEquals(s.stateCode(), 3);
        assertEquals(s.checkpoint(), 4);
        assertEquals(s.waitHint(), 2000);
    }

    @Test
    public void formatterRoundTripsAndMatchesCapturedLayout() {
        ServiceStatus pending = new ServiceStatus("Apache2.4", ServiceStatus.WIN32_OWN_PROCESS, ServiceState.STOP_PENDING,
                ServiceStatus.STOPPABLE, 0, 0, 7, 30000, null, null);
        assertEquals(ScParser.parse(ScFormatter.query(pending)), List.of(pending));
        ServiceStatus ex = pending.withPid(1844);
        assertEquals(ScParser.parse(ScFormatter.queryEx(ex)), List.of(ex));
        // Captured layout (trailing spaces stripped by the capture's publisher) equals ours stripped.
        String capture = Fixtures.raw("sc/sc-query-stop-query-VulnService-RUNNING-STOP_PENDING-STOPPED.txt");
        List<String> captured = Lines.split(capture).subList(1, 11);
        ServiceStatus running = (ServiceStatus) ScParser.parse(capture).get(0);
        List<String> ours = Lines.split(ScFormatter.query(running)).stream().map(Lines::stripTrailing).toList();
        assertEquals(ours, captured);
        assertTrue(ScFormatter.query(running).contains("SERVICE_NAME: VulnService \r\n"));
        assertTrue(ScFormatter.query(running).contains(": 10  WIN32_OWN_PROCESS  \r\n"));
    }

    @Test
    public void failureTextsAreExact() {
        assertEquals(ScFormatter.failure("OpenService", 1060), "[SC] OpenService FAILED 1060:\r\n\r\n"
                + "The specified service does not exist as an installed service.\r\n\r\n");
        assertEquals(ScParser.parse(ScFormatter.failure("ControlService", 1062)),
                List.of(new ScFailure("ControlService", 1062, "The service has not been started.")));
        assertEquals(ScParser.parse(ScFormatter.failure("StartService", 1056)).get(0),
                new ScFailure("StartService", 1056, "An instance of the service is already running."));
    }

    @Test
    public void aStateThatIsNoServiceStateIsAnErrorOnItsBlock() {
        String good = ScFormatter.queryEx(ServiceStatus.of("Apache2.4", 3, ServiceStatus.PENDING, 7, 30000).withPid(1844));
        assertEquals(((ServiceStatus) ScParser.parse(good).get(0)).state(), ServiceState.STOP_PENDING);
        dev.reprolab.windows.text.ParseException word = expectThrows(dev.reprolab.windows.text.ParseException.class,
                () -> ScParser.parse(good.replace("STOP_PENDING", "STOP_PENDNG")));
        assertTrue(word.what().contains("'STOP_PENDNG'"), word.what());
        dev.reprolab.windows.text.ParseException code = expectThrows(dev.reprolab.windows.text.ParseException.class,
                () -> ScParser.parse(good.replace(": 3  STOP_PENDING", ": 9  STOP_PENDING")));
        assertTrue(code.what().contains("code 1-7, found 9"), code.what());
        dev.reprolab.windows.text.ParseException mismatch = expectThrows(dev.reprolab.windows.text.ParseException.class,
                () -> ScParser.parse(good.replace(": 3  STOP_PENDING", ": 4  STOP_PENDING")));
        assertTrue(mismatch.what().contains("code 4 (RUNNING)"), mismatch.what());
    }
}
