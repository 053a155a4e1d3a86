package dev.reprolab.windows.sc;

import java.util.List;

/**
 * One service status block as sc prints it. {@code type} is the Windows SERVICE_TYPE value, which sc prints in
 * hex without a prefix: {@code 0x10} prints as {@code "10  WIN32_OWN_PROCESS"} (use {@link #WIN32_OWN_PROCESS}).
 * {@code controls} are the words sc prints in parentheses under the state (empty for a stopped service).
 * {@code pid} and {@code flags} are set for {@code queryex} (and {@code sc start}) output only.
 */
public record ServiceStatus(String serviceName, int type, ServiceState state, List<String> controls,
                            long win32ExitCode, long serviceExitCode, long checkpoint, long waitHint,
                            Integer pid, Long flags) implements ScEntry {

    public static final int KERNEL_DRIVER = 0x1;
    public static final int FILE_SYSTEM_DRIVER = 0x2;
    public static final int WIN32_OWN_PROCESS = 0x10;
    public static final int WIN32_SHARE_PROCESS = 0x20;
    /** Windows 10 / 2016+ prints {@code 30  WIN32} for services sharing and owning a process. */
    public static final int WIN32 = 0x30;

    /** The controls of a running service that can be stopped but not paused (Apache's service). */
    public static final List<String> STOPPABLE = List.of("STOPPABLE", "NOT_PAUSABLE", "ACCEPTS_SHUTDOWN");
    /** The controls sc shows while a service is starting or stopping. */
    public static final List<String> PENDING = List.of("NOT_STOPPABLE", "NOT_PAUSABLE", "IGNORES_SHUTDOWN");

    public ServiceStatus {
        controls = List.copyOf(controls);
    }

    /** The SERVICE_STATE code sc prints before the state's word. */
    public int stateCode() {
        return state.code();
    }

    /** The name sc prints after the type number. */
    public static String typeName(int type) {
        return switch (type) {
            case KERNEL_DRIVER -> "KERNEL_DRIVER";
            case FILE_SYSTEM_DRIVER -> "FILE_SYSTEM_DRIVER";
            case WIN32_OWN_PROCESS -> "WIN32_OWN_PROCESS";
            case WIN32_SHARE_PROCESS -> "WIN32_SHARE_PROCESS";
            case WIN32 -> "WIN32";
            case 0x110 -> "WIN32_OWN_PROCESS (interactive)";
            case 0x120 -> "WIN32_SHARE_PROCESS (interactive)";
            default -> throw new IllegalArgumentException("unknown service type 0x" + Integer.toHexString(type)
                    + " (sc prints the type in hex: use ServiceStatus.WIN32_OWN_PROCESS = 0x10)");
        };
    }

    /** A status of an own-process service with the given state, no PID (sc query). */
    public static ServiceStatus of(String name, int stateCode, List<String> controls, long checkpoint, long waitHint) {
        return new ServiceStatus(name, WIN32_OWN_PROCESS, ServiceState.of(stateCode), controls, 0, 0,
                checkpoint, waitHint, null, null);
    }

    /** This status with a PID and flags, as queryex shows it. */
    public ServiceStatus withPid(int newPid) {
        return new ServiceStatus(serviceName, type, state, controls, win32ExitCode, serviceExitCode,
                checkpoint, waitHint, newPid, 0L);
    }
}
