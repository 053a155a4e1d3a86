package dev.reprolab.doctor;

/**
 * What one check found: ok, a warning (a run can start but may suffer) or a failure (a run would fail or mislead),
 * about a subject (the host, a VM), with the exact command or setting that fixes it.
 */
public record Finding(Status status, String subject, String message, String fix) {

    public enum Status {
        OK("ok"), WARN("warn"), FAIL("FAIL");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Finding ok(String subject, String message) {
        return new Finding(Status.OK, subject, message, null);
    }

    public static Finding warn(String subject, String message, String fix) {
        return new Finding(Status.WARN, subject, message, fix);
    }

    public static Finding fail(String subject, String message, String fix) {
        return new Finding(Status.FAIL, subject, message, fix);
    }

    /** The line doctor prints: {@code FAIL lab-01: procdump.exe is not in C:\tools — fix: ...}. */
    public String line() {
        return String.format("%-4s %s: %s", status.label(), subject, message) + (fix == null ? "" : " — fix: " + fix);
    }
}
