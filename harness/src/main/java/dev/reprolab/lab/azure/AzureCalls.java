package dev.reprolab.lab.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import dev.reprolab.remote.LabException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The Azure SDK's calls with a deadline each, their failures as {@link LabException}s saying what was being done. */
final class AzureCalls {

    private AzureCalls() {
    }

    /** A long-running operation, waited for at most {@code deadline}; failures become {@link LabException}. */
    static <T> T lro(String what, Duration deadline, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        try {
            SyncPoller<PollResult<T>, T> poller = begin.get();
            PollResponse<PollResult<T>> r = poller.waitForCompletion(deadline);
            if (r.getStatus() == LongRunningOperationStatus.FAILED || r.getStatus() == LongRunningOperationStatus.USER_CANCELLED) {
                // ended, not timed out: say what Azure said
                PollResult.Error error = r.getValue() == null ? null : r.getValue().getError();
                throw new LabException("Azure: " + what + ": " + (r.getStatus() == LongRunningOperationStatus.FAILED ? "failed" : "cancelled")
                        + (error == null || error.getMessage() == null ? "" : ": " + error.getMessage()));
            }
            if (r.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                throw new LabException("Azure: " + what + ": did not finish within " + deadline + " (" + r.getStatus() + ")");
            }
            return poller.getFinalResult();
        } catch (ManagementException e) {
            throw failed(what, e);
        } catch (LabException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                throw new LabException("Azure: " + what + ": did not finish within " + deadline, e);
            }
            throw labOrBug(what, e);
        }
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ManagementException e) {
            throw failed(what, e);
        } catch (RuntimeException e) {
            throw labOrBug(what, e);
        }
    }

    /**
     * What the SDK threw, as a lab failure when it is Azure's or the network's (an {@code AzureException}, or an
     * I/O error or timeout anywhere in its causes); anything else — a NullPointerException in our code around the
     * call — is a bug and goes on as it is, so it fails the run loudly instead of passing for a flaky lab.
     */
    static RuntimeException labOrBug(String what, RuntimeException e) {
        if (e instanceof LabException) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.azure.core.exception.AzureException || t instanceof java.io.IOException
                    || t instanceof java.io.UncheckedIOException || t instanceof java.util.concurrent.TimeoutException) {
                return new LabException("Azure: " + what + ": " + e.getMessage(), e);
            }
        }
        return e;
    }

    static <T> Optional<T> find(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failed("read", e);
        }
    }

    private static LabException failed(String what, ManagementException e) {
        String code = e.getValue() == null ? "" : e.getValue().getCode() + ": ";
        String message = e.getValue() == null ? e.getMessage() : e.getValue().getMessage();
        return new LabException("Azure: " + what + ": " + code + message, e);
    }
}
