package dev.reprolab.trial;

import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.testng.annotations.Test;

/** A load client that throws has a bug: the load stops and closing it says so, instead of counting on quietly. */
public class ClientLoadBugTest {

    @Test
    public void anExceptionOutOfAnAttemptStopsTheLoadAndCloseThrowsIt() {
        AtomicInteger calls = new AtomicInteger();
        ClientLoad load = new ClientLoad("test", "127.0.0.1", 9, 2, Duration.ofSeconds(1)) {
            @Override
            boolean attempt() {
                if (calls.incrementAndGet() == 3) {
                    throw new NullPointerException("parser bug");
                }
                return true;
            }

            @Override
            long nextGapNanos() {
                return Duration.ofMillis(5).toNanos();
            }
        };
        load.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
        IllegalStateException e = expectThrows(IllegalStateException.class, load::close);
        assertTrue(e.getCause() instanceof NullPointerException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("parser bug"), e.getMessage());
    }
}
