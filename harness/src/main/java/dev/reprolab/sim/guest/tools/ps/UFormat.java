package dev.reprolab.sim.guest.tools.ps;

/** Get-Date -UFormat: the Unix date specifiers (%Y %m %d %H %M %S %s %j %A %B ...). */
final class UFormat {

    private UFormat() {
    }

    static String format(PsDateTime d, String f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                sb.append(c);
                continue;
            }
            char k = f.charAt(++i);
            var t = d.time();
            sb.append(switch (k) {
                case 'Y' -> String.valueOf(t.getYear());
                case 'y' -> String.format("%02d", t.getYear() % 100);
                case 'm' -> String.format("%02d", t.getMonthValue());
                case 'd' -> String.format("%02d", t.getDayOfMonth());
                case 'e' -> String.format("%2d", t.getDayOfMonth());
                case 'H' -> String.format("%02d", t.getHour());
                case 'I' -> String.format("%02d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case 'M' -> String.format("%02d", t.getMinute());
                case 'S' -> String.format("%02d", t.getSecond());
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'j' -> String.format("%03d", t.getDayOfYear());
                case 'A' -> DotNetFormat.date(d, "dddd");
                case 'a' -> DotNetFormat.date(d, "ddd");
                case 'B' -> DotNetFormat.date(d, "MMMM");
                case 'b', 'h' -> DotNetFormat.date(d, "MMM");
                case 's' -> String.valueOf(t.toEpochSecond(java.time.ZoneOffset.UTC));
                case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
                case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
                case 'D' -> DotNetFormat.date(d, "MM/dd/yy");
                case 'T' -> DotNetFormat.date(d, "HH:mm:ss");
                case 'R' -> DotNetFormat.date(d, "HH:mm");
                case 'Z' -> DotNetFormat.date(d, "zz");
                case 'n' -> "\n";
                case 't' -> "\t";
                case '%' -> "%";
                default -> "%" + k;
            });
        }
        return sb.toString();
    }
}
