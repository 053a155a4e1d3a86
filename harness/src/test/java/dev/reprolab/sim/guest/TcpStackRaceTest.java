package dev.reprolab.sim.guest;

import static org.testng.Assert.assertEquals;

import java.time.Duration;
import org.testng.annotations.Test;

/** The enumeration race of the July 2018 tcpip.sys: churn inside the walk's window leaks, churn after it does not. */
public class TcpStackRaceTest {

    static TcpStack leakyStack() {
        TcpStack t = new TcpStack();
        t.leaky(true);
        t.timing(Duration.ofMillis(20), Duration.ZERO);
        return t;
    }

    @Test
    public void churnWhileTheEnumerationHoldsItsReferenceLeaksOne() throws Exception {
        TcpStack t = leakyStack();
        TcpStack.Listener l = t.listen("0.0.0.0", 80, 1234);
        t.enumerate(0, d -> t.accepted(l, "10.0.0.5", "10.0.0.1", 50000, 1234, 0));
        assertEquals(t.leaks(), 1L);
        assertEquals(l.references(), 2, "the owner's reference and the leaked one");
    }

    @Test
    public void anEnumerationThreadThatOversleepsDoesNotWidenTheRaceWindow() throws Exception {
        // a controller under CPU load wakes the walking thread late; churn after the walk's own 20 ms is no race
        TcpStack t = leakyStack();
        TcpStack.Listener l = t.listen("0.0.0.0", 80, 1234);
        t.enumerate(0, d -> {
            Thread.sleep(d.toMillis() + 30);
            t.accepted(l, "10.0.0.5", "10.0.0.1", 50000, 1234, 0);
        });
        assertEquals(t.leaks(), 0L);
        assertEquals(l.references(), 1);
    }

    @Test
    public void theFixedLevelNeverLeaks() throws Exception {
        TcpStack t = leakyStack();
        t.leaky(false);
        TcpStack.Listener l = t.listen("0.0.0.0", 80, 1234);
        t.enumerate(0, d -> t.accepted(l, "10.0.0.5", "10.0.0.1", 50000, 1234, 0));
        assertEquals(t.leaks(), 0L);
        assertEquals(l.references(), 1);
    }
}
