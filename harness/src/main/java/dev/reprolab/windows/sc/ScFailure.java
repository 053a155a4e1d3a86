package dev.reprolab.windows.sc;

/**
 * An {@code [SC] <operation> FAILED <error>:} block. {@code operation} as printed, e.g. {@code OpenService},
 * {@code ControlService}, {@code StartService}, {@code EnumQueryServicesStatus:OpenService}.
 */
public record ScFailure(String operation, long error, String message) implements ScEntry {
}
