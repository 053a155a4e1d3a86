package dev.reprolab.windows.schtasks;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads {@code schtasks /query /tn NAME /fo csv /nh /v} by column position. The field names and words (Status
 * "Running", "Wird ausgeführt", "En cours d'exécution"...) follow the guest's UI language, the column order and the
 * numeric Last Result do not, so a status read this way holds on a German or French guest where the English
 * {@code /fo list} names ("Status:", "Last Result:") are not there. The columns of {@code /v}, in order:
 * HostName, TaskName, Next Run Time, Status, Logon Mode, Last Run Time, Last Result, Author, Task To Run, Start In,
 * Comment, Scheduled Task State, Idle Time, Power Management, Run As User, Delete Task If Not Rescheduled, Stop Task
 * If Runs X Hours and X Mins, Schedule, Schedule Type, Start Time, Start Date, End Date, Days, Months, Repeat: Every,
 * Repeat: Until: Time, Repeat: Until: Duration, Repeat: Stop If Still Running.
 */
public final class SchtasksCsv {

    /** Zero-based position of Last Result in the verbose CSV. */
    public static final int LAST_RESULT = 6;

    private SchtasksCsv() {
    }

    /**
     * The Last Result of the first task row, or empty when there is none (no row, an ERROR line). Only the fields
     * before Task To Run are read: schtasks writes Task To Run's own quotes unescaped, so the columns after it
     * cannot be split reliably, and none of the ones before it can hold a quote.
     */
    public static OptionalInt lastResult(String stdout) {
        for (String line : stdout.lines().toList()) {
            List<String> f = leadingFields(line.strip(), LAST_RESULT + 1);
            if (f.size() > LAST_RESULT && !f.get(0).equals("HostName")) {
                try {
                    return OptionalInt.of(Integer.parseInt(f.get(LAST_RESULT).strip()));
                } catch (NumberFormatException notARow) {
                    // a header in another language, or a damaged line: look on
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The first {@code n} quoted fields of a CSV line ({@code "a","b",...}); fewer when the line is not one. */
    static List<String> leadingFields(String line, int n) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < n && i < line.length() && line.charAt(i) == '"') {
            int end = line.indexOf("\",", i + 1);
            if (end < 0) {
                end = line.endsWith("\"") && line.length() > i + 1 ? line.length() - 1 : -1;
            }
            if (end < 0) {
                break;
            }
            out.add(line.substring(i + 1, end));
            i = end + 2;
        }
        return out;
    }
}
