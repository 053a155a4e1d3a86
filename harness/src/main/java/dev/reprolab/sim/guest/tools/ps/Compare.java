package dev.reprolab.sim.guest.tools.ps;

/**
 * Equality and ordering as {@code -eq}/{@code -lt} apply them: the right operand is converted to the left one's
 * type (numbers compare as numbers, strings case-insensitively unless asked otherwise, $null only equals $null).
 */
final class Compare {

    private Compare() {
    }

    static boolean equal(Object l, Object r, boolean caseSensitive) {
        if (l == null || r == null) {
            return l == r;
        }
        if (PsConvert.isNumber(l) || l instanceof PsEnum && PsConvert.isNumber(r)) {
            try {
                Number b = PsConvert.toNumber(r, PsConvert.typeName(l));
                return Double.compare(PsConvert.toNumber(l, null).doubleValue(), b.doubleValue()) == 0;
            } catch (PsError e) {
                return false;
            }
        }
        if (l instanceof Boolean b) {
            return b == PsConvert.truthy(r);
        }
        if (l instanceof Character c && r instanceof Character d) {
            return caseSensitive ? c.equals(d) : Character.toLowerCase(c) == Character.toLowerCase(d);
        }
        if (l instanceof PsDateTime a && r instanceof PsDateTime b) {
            return a.time().equals(b.time());
        }
        if (l instanceof PsVersion || l instanceof PsTimeSpan) {
            return l.equals(r) || PsConvert.str(l).equals(PsConvert.str(r));
        }
        if (l instanceof String || l instanceof Character || l instanceof PsEnum) {
            String a = PsConvert.str(l);
            String b = PsConvert.str(r);
            return caseSensitive ? a.equals(b) : a.equalsIgnoreCase(b);
        }
        return l.equals(r) || (r instanceof String && PsConvert.str(l).equalsIgnoreCase((String) r));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object l, Object r, boolean caseSensitive) {
        if (l == null && r == null) {
            return 0;
        }
        if (l == null) {
            return -1;
        }
        if (r == null) {
            return 1;
        }
        if (PsConvert.isNumber(l) || l instanceof Boolean) {
            Number b = PsConvert.toNumber(r, PsConvert.typeName(l));
            return Double.compare(PsConvert.toNumber(l, null).doubleValue(), b.doubleValue());
        }
        if (l instanceof PsDateTime a) {
            PsDateTime b = r instanceof PsDateTime d ? d : (PsDateTime) Types.cast("datetime", r, -1);
            return a.compareTo(b);
        }
        if (l instanceof PsVersion a) {
            PsVersion b = r instanceof PsVersion v ? v : PsVersion.parse(PsConvert.str(r));
            return a.compareTo(b);
        }
        if (l instanceof PsTimeSpan a && r instanceof PsTimeSpan b) {
            return a.compareTo(b);
        }
        String a = PsConvert.str(l);
        String b = PsConvert.str(r);
        return caseSensitive ? culture(a, b) : culture(a.toLowerCase(java.util.Locale.ROOT), b.toLowerCase(java.util.Locale.ROOT));
    }

    /** .NET's culture-aware order puts punctuation before digits before letters, roughly like this collator. */
    private static int culture(String a, String b) {
        int c = COLLATOR.compare(a, b);
        return c != 0 ? c : a.compareTo(b);
    }

    private static final java.text.Collator COLLATOR = java.text.Collator.getInstance(java.util.Locale.US);
}
