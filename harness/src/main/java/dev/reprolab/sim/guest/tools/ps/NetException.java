package dev.reprolab.sim.guest.tools.ps;

/** A .NET exception thrown by a simulated .NET member: PowerShell wraps it as "Exception calling ...". */
final class NetException extends RuntimeException {

    final String type;

    NetException(String message) {
        this("System.Exception", message);
    }

    NetException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }
}
