package dev.reprolab.sim.guest.tools.ps;

/** Non-local control flow as exceptions: break, continue, return, exit, and a stop request. */
final class Flow {

    private Flow() {
    }

    static class Jump extends RuntimeException {
        final String label;

        Jump(String label) {
            super(null, null, false, false);
            this.label = label;
        }

        boolean matches(String loopLabel) {
            return label == null || label.equalsIgnoreCase(loopLabel == null ? "" : loopLabel);
        }
    }

    static final class Break extends Jump {
        Break(String label) {
            super(label);
        }
    }

    static final class Continue extends Jump {
        Continue(String label) {
            super(label);
        }
    }

    static final class Return extends RuntimeException {
        Return() {
            super(null, null, false, false);
        }
    }

    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
