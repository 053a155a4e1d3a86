package dev.reprolab.windows.wmi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WMI's CIM_DATETIME ({@code yyyymmddHHMMSS.mmmmmmsUUU}, offset in minutes) as {@code wmic os get LastBootUpTime
 * /value} prints it — through a pipe, with CR CR LF line ends.
 */
public final class WmiTime {

    private static final Pattern VALUE = Pattern.compile("LastBootUpTime=(\\d{14})\\.(\\d{6})([+-])(\\d{3})");
    private static final DateTimeFormatter BASE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private WmiTime() {
    }

    public static Optional<Instant> lastBootUpTime(String wmicOutput) {
        Matcher m = VALUE.matcher(wmicOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(parse(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** Parses one CIM_DATETIME value, e.g. {@code 20181024093512.500000+060}. */
    public static Instant parse(String cim) {
        Matcher m = Pattern.compile("(\\d{14})\\.(\\d{6})([+-])(\\d{3})").matcher(cim);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a CIM_DATETIME: " + cim);
        }
        return parse(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    private static Instant parse(String base, String micros, String sign, String minutes) {
        int offsetMinutes = Integer.parseInt(minutes) * (sign.equals("-") ? -1 : 1);
        LocalDateTime local = LocalDateTime.parse(base, BASE).plusNanos(Long.parseLong(micros) * 1000);
        return local.toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }

    /** Formats an instant as CIM_DATETIME at the given UTC offset in minutes. */
    public static String format(Instant t, int offsetMinutes) {
        LocalDateTime local = LocalDateTime.ofInstant(t, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        return local.format(BASE) + "." + String.format("%06d", local.getNano() / 1000)
                + (offsetMinutes < 0 ? "-" : "+") + String.format("%03d", Math.abs(offsetMinutes));
    }
}
