package dev.reprolab.trial;

import dev.reprolab.windows.sc.ServiceState;
import dev.reprolab.journal.Outcome;
import java.util.List;

/**
 * Decides what one stop cycle showed. Pure: observations in, outcome out, so that every rule is table-tested.
 *
 * <p>The case's signature is a service in STOP_PENDING whose checkpoint has stopped advancing, with httpd.exe still
 * alive after a forced kill: a thread of it is blocked in afd.sys, which waits for tcpip.sys to release the listener.
 * A service that reports STOPPED while port 80 is still listed LISTENING is the same leak seen from the other side
 * (the listener outlived its process) and also counts as reproduced. A stop still making progress at the deadline
 * is not a hang — the deadline was too short or the box too slow — and is kept apart as OTHER_FAILURE.
 */
public final class Classifier {

    /** Checkpoint samples in a row without change, at the end of the wait, that make "not advancing". */
    static final int STALLED_SAMPLES = 3;

    private Classifier() {
    }

    /**
     * What was observed when the stop deadline passed.
     *
     * @param finalState the service state from the last {@code sc queryex}; null when it showed none
     * @param checkpoints the CHECKPOINT values of the {@code sc queryex} samples taken while waiting, in order
     * @param httpdAliveAfterStop whether httpd.exe was still in the process table at the deadline
     * @param httpdAliveAfterKill whether httpd.exe was still there after {@code taskkill /f} (false if no kill was needed)
     * @param portListening whether the last netstat at the deadline listed the port LISTENING
     * @param infraError set when the lab or the transport failed during the trial (then nothing else counts)
     */
    public record Observation(ServiceState finalState, List<Long> checkpoints, boolean httpdAliveAfterStop,
                              boolean httpdAliveAfterKill, boolean portListening, String infraError) {
    }

    /** The outcome and a one-line reason a person can check against the artifacts. */
    public record Classification(Outcome outcome, String reason) {
    }

    public static Classification classify(Observation o) {
        return classify(o, "httpd.exe");
    }

    /** The same rules, naming the watched processes as {@code process} ("httpd.exe", "svchost.exe/w3wp.exe"). */
    public static Classification classify(Observation o, String process) {
        if (o.infraError() != null) {
            return new Classification(Outcome.INFRA_ERROR, o.infraError());
        }
        ServiceState state = o.finalState();
        if (state == ServiceState.STOPPED) {
            if (o.portListening()) {
                return new Classification(Outcome.PORT_STUCK, "service STOPPED but the port is still listed LISTENING");
            }
            if (o.httpdAliveAfterStop()) {
                return new Classification(Outcome.OTHER_FAILURE, "service STOPPED but " + process + " is still running");
            }
            return new Classification(Outcome.STOPPED_CLEANLY, "service STOPPED, port closed, no " + process + " left");
        }
        if (state == ServiceState.STOP_PENDING) {
            boolean stalled = stalled(o.checkpoints());
            if (stalled && o.httpdAliveAfterStop() && o.httpdAliveAfterKill()) {
                return new Classification(Outcome.HUNG, "STOP_PENDING, checkpoint stuck at " + last(o.checkpoints())
                        + ", " + process + " alive after taskkill /f" + (o.portListening() ? ", port still LISTENING" : ""));
            }
            if (!stalled) {
                return new Classification(Outcome.OTHER_FAILURE, "still STOP_PENDING at the deadline but the checkpoint is advancing (slow stop, not a hang)");
            }
            return new Classification(Outcome.OTHER_FAILURE, "STOP_PENDING with a stuck checkpoint, but " + process + " "
                    + (o.httpdAliveAfterStop() ? "died when killed" : "is gone"));
        }
        return new Classification(Outcome.OTHER_FAILURE, "service in state " + (state == null ? "UNKNOWN" : state) + " after the stop");
    }

    static boolean stalled(List<Long> checkpoints) {
        if (checkpoints.size() < STALLED_SAMPLES) {
            return false;
        }
        long lastValue = checkpoints.get(checkpoints.size() - 1);
        for (int i = checkpoints.size() - STALLED_SAMPLES; i < checkpoints.size(); i++) {
            if (checkpoints.get(i) != lastValue) {
                return false;
            }
        }
        return true;
    }

    private static Object last(List<Long> checkpoints) {
        return checkpoints.isEmpty() ? "?" : checkpoints.get(checkpoints.size() - 1);
    }
}
