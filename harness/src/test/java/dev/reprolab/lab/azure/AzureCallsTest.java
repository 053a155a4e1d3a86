package dev.reprolab.lab.azure;

import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.azure.core.exception.HttpResponseException;
import dev.reprolab.remote.LabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testng.annotations.Test;

/** Azure's and the network's failures are the lab's; an exception of our own code around a call is a bug. */
public class AzureCallsTest {

    @Test
    public void aNullPointerAroundACallIsABugNotALabFailure() {
        expectThrows(NullPointerException.class, () -> AzureCalls.call("list VMs", () -> {
            throw new NullPointerException("ours");
        }));
    }

    @Test
    public void theNetworksAndAzuresFailuresAreTheLabs() {
        LabException io = expectThrows(LabException.class, () -> AzureCalls.call("list VMs", () -> {
            throw new RuntimeException("wrapped", new UncheckedIOException(new IOException("Connection reset")));
        }));
        assertTrue(io.getMessage().startsWith("Azure: list VMs: "), io.getMessage());
        expectThrows(LabException.class, () -> AzureCalls.call("list VMs", () -> {
            throw new HttpResponseException("Bad gateway", null);
        }));
    }
}
