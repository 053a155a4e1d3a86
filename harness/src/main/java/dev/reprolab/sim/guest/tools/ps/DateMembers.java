package dev.reprolab.sim.guest.tools.ps;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Members of DateTime, TimeSpan and Version. */
final class DateMembers {

    private DateMembers() {
    }

    static Object property(Object target, String n) {
        if (target instanceof PsDateTime d) {
            LocalDateTime t = d.time();
            return switch (n) {
                case "year" -> t.getYear();
                case "month" -> t.getMonthValue();
                case "day" -> t.getDayOfMonth();
                case "hour" -> t.getHour();
                case "minute" -> t.getMinute();
                case "second" -> t.getSecond();
                case "millisecond" -> t.getNano() / 1_000_000;
                case "dayofweek" -> new PsEnum("System.DayOfWeek", capital(t.getDayOfWeek().name()), t.getDayOfWeek().getValue() % 7);
                case "dayofyear" -> t.getDayOfYear();
                case "date" -> new PsDateTime(t.toLocalDate().atStartOfDay(), d.utc());
                case "timeofday" -> new PsTimeSpan(Duration.ofNanos(t.toLocalTime().toNanoOfDay()));
                case "ticks" -> d.ticks();
                case "kind" -> new PsEnum("System.DateTimeKind", d.utc() ? "Utc" : "Local", d.utc() ? 1 : 2);
                case "datetime" -> DotNetFormat.date(d, "F");
                default -> DotNetObject.NONE;
            };
        }
        if (target instanceof PsTimeSpan s) {
            Duration du = s.duration();
            double ticks = s.ticks();
            return switch (n) {
                case "days" -> (int) du.toDays();
                case "hours" -> du.toHoursPart();
                case "minutes" -> du.toMinutesPart();
                case "seconds" -> du.toSecondsPart();
                case "milliseconds" -> du.toMillisPart();
                case "ticks" -> s.ticks();
                case "totaldays" -> ticks / 864_000_000_000.0;
                case "totalhours" -> ticks / 36_000_000_000.0;
                case "totalminutes" -> ticks / 600_000_000.0;
                case "totalseconds" -> ticks / 10_000_000.0;
                case "totalmilliseconds" -> ticks / 10_000.0;
                default -> DotNetObject.NONE;
            };
        }
        PsVersion v = (PsVersion) target;
        return switch (n) {
            case "major" -> v.major();
            case "minor" -> v.minor();
            case "build" -> v.build();
            case "revision" -> v.revision();
            case "majorrevision" -> (short) (v.revision() >> 16);
            case "minorrevision" -> (short) (v.revision() & 0xffff);
            default -> DotNetObject.NONE;
        };
    }

    static String capital(String s) {
        return s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    static Object call(Object target, String n, List<Object> a) {
        if (target instanceof PsDateTime d) {
            LocalDateTime t = d.time();
            java.util.function.DoubleSupplier arg = () -> a.isEmpty() ? 0 : PsConvert.toDouble(a.get(0));
            return switch (n) {
                case "adddays" -> new PsDateTime(t.plusNanos(Math.round(arg.getAsDouble() * 86_400_000) * 1_000_000L), d.utc());
                case "addhours" -> new PsDateTime(t.plusNanos(Math.round(arg.getAsDouble() * 3_600_000) * 1_000_000L), d.utc());
                case "addminutes" -> new PsDateTime(t.plusNanos(Math.round(arg.getAsDouble() * 60_000) * 1_000_000L), d.utc());
                case "addseconds" -> new PsDateTime(t.plusNanos(Math.round(arg.getAsDouble() * 1000) * 1_000_000L), d.utc());
                case "addmilliseconds" -> new PsDateTime(t.plusNanos(Math.round(arg.getAsDouble()) * 1_000_000L), d.utc());
                case "addticks" -> new PsDateTime(t.plusNanos(PsConvert.toLong(a.get(0)) * 100), d.utc());
                case "addmonths" -> new PsDateTime(t.plusMonths(PsConvert.toInt(a.get(0))), d.utc());
                case "addyears" -> new PsDateTime(t.plusYears(PsConvert.toInt(a.get(0))), d.utc());
                case "add" -> new PsDateTime(t.plus(((PsTimeSpan) a.get(0)).duration()), d.utc());
                case "subtract" -> a.get(0) instanceof PsDateTime o ? new PsTimeSpan(Duration.between(o.time(), t))
                        : new PsDateTime(t.minus(((PsTimeSpan) a.get(0)).duration()), d.utc());
                case "tostring" -> a.isEmpty() ? d.toString() : DotNetFormat.date(d, PsConvert.str(a.get(0)));
                case "toshortdatestring" -> DotNetFormat.date(d, "d");
                case "tolongdatestring" -> DotNetFormat.date(d, "D");
                case "toshorttimestring" -> DotNetFormat.date(d, "t");
                case "tolongtimestring" -> DotNetFormat.date(d, "T");
                case "touniversaltime" -> d.utc() ? d : new PsDateTime(t.atZone(ZoneId.systemDefault())
                        .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime(), true);
                case "tolocaltime" -> !d.utc() ? d : new PsDateTime(t.atOffset(ZoneOffset.UTC)
                        .atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime(), false);
                case "tofiletime", "tofiletimeutc" -> d.ticks() - 504_911_232_000_000_000L;
                case "isdaylightsavingtime" -> false;
                default -> DotNetObject.NONE;
            };
        }
        if (target instanceof PsTimeSpan s) {
            return switch (n) {
                case "add" -> new PsTimeSpan(s.duration().plus(((PsTimeSpan) a.get(0)).duration()));
                case "subtract" -> new PsTimeSpan(s.duration().minus(((PsTimeSpan) a.get(0)).duration()));
                case "negate" -> new PsTimeSpan(s.duration().negated());
                case "duration" -> new PsTimeSpan(s.duration().abs());
                default -> DotNetObject.NONE;
            };
        }
        return DotNetObject.NONE;
    }
}
