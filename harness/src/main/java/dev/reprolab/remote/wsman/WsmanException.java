package dev.reprolab.remote.wsman;

import dev.reprolab.remote.LabException;
import java.util.Optional;

/**
 * A WS-Management request that failed: a SOAP fault the endpoint answered (with its {@code w:} subcode and the
 * numeric {@code WSManFault} code Windows prints), an HTTP status without a fault, or a transport failure.
 */
public final class WsmanException extends LabException {

    /** {@code WSManFault/@Code} of "the operation did not complete within OperationTimeout". */
    public static final long CODE_TIMED_OUT = 2150858793L;
    /** {@code WSManFault/@Code} of "the shell was not found". */
    public static final long CODE_SHELL_NOT_FOUND = 2150858843L;
    /** {@code WSManFault/@Code} of "MaxShellsPerUser exceeded". */
    public static final long CODE_SHELL_QUOTA = 2150859174L;

    private final int httpStatus;
    private final String subcode;
    private final long wsmanCode;

    WsmanException(String message, int httpStatus, String subcode, long wsmanCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.subcode = subcode;
        this.wsmanCode = wsmanCode;
    }

    /** The HTTP status, 0 when the request never got one (connection refused, reset, socket timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The fault's {@code w:} subcode without prefix ({@code TimedOut}, {@code QuotaLimit}…), if it was a fault. */
    public Optional<String> subcode() {
        return Optional.ofNullable(subcode);
    }

    public long wsmanCode() {
        return wsmanCode;
    }

    /** "Nothing yet, ask again": a Receive that saw no output within the OperationTimeout. */
    public boolean timedOut() {
        return "TimedOut".equals(subcode) || wsmanCode == CODE_TIMED_OUT;
    }

    /** The request never got an answer (the machine is down, rebooting, or the network dropped it). */
    public boolean transport() {
        return httpStatus == 0;
    }
}
