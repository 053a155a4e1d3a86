package dev.reprolab.windows.netstat;

import java.util.Locale;
import java.util.Optional;

/**
 * A TCP connection's state as {@code netstat} prints it (MIB_TCP_STATE), in its English word. The constant's name is
 * the word, so text written from a state (timelines, reports, the journal) is the word netstat printed.
 */
public enum TcpState {
    CLOSED, LISTENING, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK,
    TIME_WAIT, DELETE_TCB,
    /** Windows 8 / 2012 and later with {@code netstat -q}: a socket bound but neither listening nor connected. */
    BOUND;

    /** The state an English netstat word names (case does not matter); empty for any other word. */
    public static Optional<TcpState> of(String word) {
        try {
            return Optional.of(valueOf(word.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
