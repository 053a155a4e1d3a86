package dev.reprolab.sim.guest.tools.ps;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small value types of the runtime: hashtables, script blocks, type literals, dates, spans, versions, enums. */
final class PsValueTypes {

    private PsValueTypes() {
    }
}

/** System.Collections.Hashtable: case-insensitive string keys; enumerates as itself (not its entries). */
final class PsHashtable {
    private final Map<Object, Object[]> map = new LinkedHashMap<>();

    private static Object norm(Object k) {
        return k instanceof String s ? "s:" + s.toLowerCase(Locale.ROOT) : k instanceof Integer i ? (Object) i.longValue() : k;
    }

    void put(Object key, Object value) {
        Object[] e = map.get(norm(key));
        if (e != null) {
            e[1] = value;
        } else {
            map.put(norm(key), new Object[] {key, value});
        }
    }

    boolean containsKey(Object key) {
        return map.containsKey(norm(key));
    }

    Object get(Object key) {
        Object[] e = map.get(norm(key));
        return e == null ? null : e[1];
    }

    void remove(Object key) {
        map.remove(norm(key));
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }

    List<Object> keys() {
        List<Object> out = new ArrayList<>();
        for (Object[] e : map.values()) {
            out.add(e[0]);
        }
        return out;
    }

    List<Object> values() {
        List<Object> out = new ArrayList<>();
        for (Object[] e : map.values()) {
            out.add(e[1]);
        }
        return out;
    }

    PsHashtable copy() {
        PsHashtable h = new PsHashtable();
        for (Object[] e : map.values()) {
            h.put(e[0], e[1]);
        }
        return h;
    }

    @Override
    public String toString() {
        return "System.Collections.Hashtable";
    }
}

/** A DictionaryEntry (Name/Key and Value), what enumerating a hashtable's GetEnumerator() gives. */
record PsEntry(Object key, Object value) {
    @Override
    public String toString() {
        return "System.Collections.DictionaryEntry";
    }
}

/** System.Collections.ArrayList. */
final class PsArrayList extends ArrayList<Object> {
    @Override
    public String toString() {
        return PsConvert.joinItems(this);
    }
}

/** A script block value; {@code ToString()} gives its text. */
record PsScriptBlock(Ast.ScriptBlock block) {
    @Override
    public String toString() {
        return block.text();
    }
}

/** A type literal ({@code [int]}, {@code [IO.File]}): the full .NET name. */
record PsType(String fullName) {
    @Override
    public String toString() {
        return fullName;
    }
}

/** A .NET enum value: prints as its name. */
record PsEnum(String type, String name, long value) {
    @Override
    public String toString() {
        return name;
    }
}

/** System.Version. */
record PsVersion(int major, int minor, int build, int revision) implements Comparable<PsVersion> {
    static PsVersion parse(String s) {
        String[] p = s.trim().split("\\.");
        if (p.length < 2 || p.length > 4) {
            throw new IllegalArgumentException("Version string portion was too short or too long.");
        }
        int[] v = {-1, -1, -1, -1};
        for (int i = 0; i < p.length; i++) {
            v[i] = Integer.parseInt(p[i].trim());
        }
        return new PsVersion(v[0], v[1], v[2], v[3]);
    }

    @Override
    public int compareTo(PsVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        c = c != 0 ? c : Integer.compare(build, o.build);
        return c != 0 ? c : Integer.compare(revision, o.revision);
    }

    @Override
    public String toString() {
        return major + "." + minor + (build >= 0 ? "." + build : "") + (build >= 0 && revision >= 0 ? "." + revision : "");
    }
}

/** System.DateTime: local wall time (the guest's clock zone), with a kind (Local or Utc). */
record PsDateTime(LocalDateTime time, boolean utc) implements Comparable<PsDateTime> {
    static final DateTimeFormatter DEFAULT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    @Override
    public int compareTo(PsDateTime o) {
        return time.compareTo(o.time);
    }

    long ticks() {
        java.time.Duration d = java.time.Duration.between(LocalDateTime.of(1, 1, 1, 0, 0), time);
        return d.getSeconds() * 10_000_000L + d.getNano() / 100;
    }

    @Override
    public String toString() {
        return DEFAULT.format(time);
    }
}

/** System.TimeSpan. */
record PsTimeSpan(Duration duration) implements Comparable<PsTimeSpan> {
    @Override
    public int compareTo(PsTimeSpan o) {
        return duration.compareTo(o.duration);
    }

    long ticks() {
        return duration.getSeconds() * 10_000_000L + duration.getNano() / 100;
    }

    @Override
    public String toString() {
        long t = Math.abs(ticks());
        long days = t / 864_000_000_000L;
        long rest = t % 864_000_000_000L;
        long h = rest / 36_000_000_000L;
        long m = rest / 600_000_000L % 60;
        long s = rest / 10_000_000L % 60;
        long frac = rest % 10_000_000L;
        StringBuilder sb = new StringBuilder(ticks() < 0 ? "-" : "");
        if (days > 0) {
            sb.append(days).append('.');
        }
        sb.append(String.format("%02d:%02d:%02d", h, m, s));
        if (frac > 0) {
            sb.append(String.format(".%07d", frac));
        }
        return sb.toString();
    }
}
