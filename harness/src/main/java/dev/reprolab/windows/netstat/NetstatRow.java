package dev.reprolab.windows.netstat;

/**
 * One row of netstat's connection table. Addresses are kept without the brackets netstat puts around IPv6
 * addresses (zone kept, e.g. {@code fe80::1%4}). UDP rows have {@code state == null}; for UDP's {@code *:*}
 * the foreign address is {@code "*"} with {@code foreignPort == null}. {@code pid} is null when the output had
 * no PID column ({@code -an}); {@code owner} holds the {@code -b} lines (service name and {@code [image.exe]},
 * joined with a space) or null.
 */
public record NetstatRow(String proto, String localAddress, int localPort, String foreignAddress,
                         Integer foreignPort, TcpState state, Integer pid, String owner) {

    /** A TCP row with a PID, as {@code netstat -ano} prints it. */
    public static NetstatRow tcp(String local, int localPort, String foreign, int foreignPort, TcpState state, int pid) {
        return new NetstatRow("TCP", local, localPort, foreign, foreignPort, state, pid, null);
    }

    /** A UDP row bound to {@code *:*}. */
    public static NetstatRow udp(String local, int localPort, Integer pid) {
        return new NetstatRow("UDP", local, localPort, "*", null, null, pid, null);
    }

    /** This row without the PID and owner, as {@code netstat -an} shows it. */
    public NetstatRow withoutPid() {
        return new NetstatRow(proto, localAddress, localPort, foreignAddress, foreignPort, state, null, null);
    }

    /** This row with the given {@code -b} owner text. */
    public NetstatRow withOwner(String newOwner) {
        return new NetstatRow(proto, localAddress, localPort, foreignAddress, foreignPort, state, pid, newOwner);
    }
}
