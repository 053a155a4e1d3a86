package dev.reprolab.sim.guest.tools.ps;

/** WMI datetime strings ({@code 20181024093512.500000+060}) to DateTime, as ConvertToDateTime does. */
final class WmiDates {

    private WmiDates() {
    }

    static PsDateTime parse(String s) {
        try {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)), Integer.parseInt(s.substring(8, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)), Integer.parseInt(s.substring(15, 21)) * 1000);
            return new PsDateTime(t, false);
        } catch (RuntimeException e) {
            throw new NetException("System.ArgumentOutOfRangeException", "Year, Month, and Day parameters describe an un-representable DateTime.");
        }
    }
}
