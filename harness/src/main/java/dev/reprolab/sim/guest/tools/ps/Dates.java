package dev.reprolab.sim.guest.tools.ps;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** DateTime values from the guest's clock and from text (en-US and ISO 8601 forms, as [DateTime] parses them). */
final class Dates {

    private Dates() {
    }

    static PsDateTime now(PsHost host) {
        return of(host.now(), host.zone());
    }

    static PsDateTime of(Instant instant, ZoneId zone) {
        return new PsDateTime(LocalDateTime.ofInstant(instant, zone), false);
    }

    static PsDateTime utcNow(PsHost host) {
        return new PsDateTime(LocalDateTime.ofInstant(host.now(), ZoneOffset.UTC), true);
    }

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.US),
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.US));

    static PsDateTime parse(Object v) {
        if (v instanceof PsDateTime d) {
            return d;
        }
        if (PsConvert.isNumber(v)) {
            return new PsDateTime(LocalDateTime.of(1, 1, 1, 0, 0).plusNanos(PsConvert.toLong(v) * 100), false);
        }
        String s = PsConvert.str(v).trim();
        try {
            if (s.endsWith("Z") && s.contains("T")) {
                return new PsDateTime(LocalDateTime.ofInstant(Instant.parse(s), ZoneOffset.UTC), true);
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}T.*[+-]\\d{2}:\\d{2}")) {
                return new PsDateTime(java.time.OffsetDateTime.parse(s).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime(), false);
            }
        } catch (DateTimeParseException e) {
            throw bad(v);
        }
        for (DateTimeFormatter f : FORMATS) {
            try {
                return new PsDateTime(LocalDateTime.parse(s.replaceFirst("\\.\\d+$", ""), f), false);
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        for (String p : List.of("M/d/yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "MMMM d, yyyy", "d MMMM yyyy")) {
            try {
                return new PsDateTime(LocalDate.parse(s, DateTimeFormatter.ofPattern(p, Locale.US)).atStartOfDay(), false);
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        throw bad(v);
    }

    private static PsError bad(Object v) {
        return PsConvert.cannotConvert(v, "System.DateTime", "The string was not recognized as a valid DateTime. There is an"
                + " unknown word starting at index 0.");
    }

    static PsTimeSpan parseSpan(String s) {
        String t = s.trim();
        try {
            boolean neg = t.startsWith("-");
            if (neg) {
                t = t.substring(1);
            }
            long days = 0;
            int dot = t.indexOf('.');
            int colon = t.indexOf(':');
            if (dot >= 0 && (colon < 0 || dot < colon)) {
                days = Long.parseLong(t.substring(0, dot));
                t = t.substring(dot + 1);
            }
            String[] p = t.split(":");
            Duration d = Duration.ofDays(days);
            if (p.length == 1) {
                d = Duration.ofDays(Long.parseLong(p[0]));
            } else {
                d = d.plusHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]));
                if (p.length > 2) {
                    d = d.plusNanos(Math.round(Double.parseDouble(p[2]) * 1_000_000_000L));
                }
            }
            return new PsTimeSpan(neg ? d.negated() : d);
        } catch (RuntimeException e) {
            throw PsConvert.cannotConvert(s, "System.TimeSpan", "String was not recognized as a valid TimeSpan.");
        }
    }
}
