package dev.reprolab.sim.guest.tools.ps;

import dev.reprolab.sim.guest.tools.WinPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The .NET constructors New-Object can call in the simulator. */
final class Constructors {

    private Constructors() {
    }

    /** Constructs an instance, or returns {@link DotNetObject#NONE} when the type has no simulated constructor. */
    static Object create(Session s, String fullName, List<Object> a) {
        String t = fullName.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            int n = a.isEmpty() ? 0 : PsConvert.toInt(a.get(0));
            if (t.equals("system.byte[]")) {
                return new byte[n];
            }
            return new Object[n];
        }
        switch (t) {
            case "system.collections.arraylist", "system.collections.generic.list" -> {
                PsArrayList l = new PsArrayList();
                if (!a.isEmpty() && PsConvert.isEnumerable(a.get(0))) {
                    l.addAll(PsConvert.items(a.get(0)));
                }
                return l;
            }
            case "system.collections.hashtable" -> {
                return new PsHashtable();
            }
            case "system.management.automation.psobject", "system.object" -> {
                return PsObject.custom();
            }
            case "system.text.stringbuilder" -> {
                StreamObjects.StringBuilderObject sb = new StreamObjects.StringBuilderObject();
                if (!a.isEmpty() && a.get(0) instanceof String str) {
                    sb.sb.append(str);
                }
                return sb;
            }
            case "system.net.webclient" -> {
                return new WebClientObject(s);
            }
            case "system.xml.xmldocument" -> {
                return XmlDocumentObject.empty();
            }
            case "system.io.filestream" -> {
                if (a.size() < 2) {
                    throw new PsError("Cannot find an overload for \"FileStream\" and the argument count: \"" + a.size() + "\".",
                            "InvalidOperation: (:) [New-Object], MethodException", "ConstructorInvokedThrowException");
                }
                String p = IoStatics.full(s, a.get(0));
                return PsFileStream.open(p, s.host.file(p), PsConvert.str(a.get(1)), a.size() > 2 ? PsConvert.str(a.get(2)) : null,
                        s.host::reserveDisk);
            }
            case "system.io.streamreader" -> {
                String p = IoStatics.full(s, a.get(0));
                try {
                    return new StreamObjects.StreamReaderObject(java.nio.file.Files.readAllBytes(s.host.file(p)),
                            a.size() > 1 ? StreamObjects.charset(a.get(1)) : StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new NetException("System.IO.FileNotFoundException", "Could not find file '" + p + "'.");
                }
            }
            case "system.io.streamwriter" -> {
                String p = IoStatics.full(s, a.get(0));
                IoStatics.existingParent(s, p);
                boolean append = a.size() > 1 && PsConvert.truthy(a.get(1));
                return new StreamObjects.StreamWriterObject(s.host, s.host.file(p), append,
                        a.size() > 2 ? StreamObjects.charset(a.get(2)) : StandardCharsets.UTF_8);
            }
            case "system.io.memorystream" -> {
                return new StreamObjects.MemoryStreamObject();
            }
            case "system.io.fileinfo", "system.io.directoryinfo" -> {
                String p = WinPath.resolve(s.host.currentDirectory(), PsConvert.str(a.get(0)));
                PsObject o = ItemObjects.item(s, p, s.host.file(p));
                if (!java.nio.file.Files.exists(s.host.file(p))) {
                    o.put("Exists", false);
                    o.put("Length", null);
                }
                return o;
            }
            case "system.random" -> {
                return new RandomObject(a.isEmpty() ? new java.util.Random() : new java.util.Random(PsConvert.toLong(a.get(0))));
            }
            case "system.datetime" -> {
                int[] v = new int[7];
                for (int i = 0; i < Math.min(7, a.size()); i++) {
                    v[i] = PsConvert.toInt(a.get(i));
                }
                return new PsDateTime(java.time.LocalDateTime.of(v[0], Math.max(1, v[1]), Math.max(1, v[2]), v[3], v[4], v[5],
                        v[6] * 1_000_000), false);
            }
            case "system.timespan" -> {
                long[] v = new long[4];
                for (int i = 0; i < Math.min(4, a.size()); i++) {
                    v[i] = PsConvert.toLong(a.get(i));
                }
                java.time.Duration d = a.size() == 1 ? java.time.Duration.ofNanos(v[0] * 100)
                        : a.size() == 3 ? java.time.Duration.ofHours(v[0]).plusMinutes(v[1]).plusSeconds(v[2])
                        : java.time.Duration.ofDays(v[0]).plusHours(v[1]).plusMinutes(v[2]).plusSeconds(v[3]);
                return new PsTimeSpan(d);
            }
            case "system.version" -> {
                if (a.size() == 1) {
                    return PsVersion.parse(PsConvert.str(a.get(0)));
                }
                int[] v = {-1, -1, -1, -1};
                for (int i = 0; i < a.size(); i++) {
                    v[i] = PsConvert.toInt(a.get(i));
                }
                return new PsVersion(v[0], v[1], v[2], v[3]);
            }
            case "system.guid" -> {
                return Casts.to("System.Guid", a.get(0));
            }
            case "system.text.regularexpressions.regex" -> {
                return new DotNetRegexObject(PsConvert.str(a.get(0)), a.size() > 1 && PsConvert.str(a.get(1)).toLowerCase(Locale.ROOT).contains("ignorecase"));
            }
            case "system.diagnostics.stopwatch" -> {
                return new StopwatchObject(s.host);
            }
            case "system.security.cryptography.sha256managed" -> {
                return HashObject.byName("SHA256");
            }
            case "system.security.cryptography.sha1cryptoserviceprovider", "system.security.cryptography.sha1managed" -> {
                return HashObject.byName("SHA1");
            }
            case "system.security.cryptography.md5cryptoserviceprovider" -> {
                return HashObject.byName("MD5");
            }
            case "system.text.utf8encoding" -> {
                return EncodingObject.named("utf8");
            }
            case "system.text.asciiencoding" -> {
                return EncodingObject.named("ascii");
            }
            case "system.text.unicodeencoding" -> {
                return EncodingObject.named("unicode");
            }
            case "system.net.ipaddress" -> {
                return IpAddressValue.parse(PsConvert.str(a.get(0)));
            }
            default -> {
                return DotNetObject.NONE;
            }
        }
    }

    /** System.Random. */
    record RandomObject(java.util.Random r) implements DotNetObject {
        @Override
        public String typeName() {
            return "System.Random";
        }

        @Override
        public Object call(String name, List<Object> a) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "next" -> a.isEmpty() ? r.nextInt(Integer.MAX_VALUE) : a.size() == 1 ? r.nextInt(Math.max(1, PsConvert.toInt(a.get(0))))
                        : PsConvert.toInt(a.get(0)) + r.nextInt(Math.max(1, PsConvert.toInt(a.get(1)) - PsConvert.toInt(a.get(0))));
                case "nextdouble" -> r.nextDouble();
                case "nextbytes" -> {
                    r.nextBytes((byte[]) a.get(0));
                    yield PsConvert.VOID;
                }
                default -> NONE;
            };
        }
    }

    /** System.Diagnostics.Stopwatch over the guest's performance counter (not its wall clock, which time sync steps). */
    static final class StopwatchObject implements DotNetObject {
        private final PsHost host;
        private long startedAt = -1;
        private long elapsed;

        StopwatchObject(PsHost host) {
            this.host = host;
        }

        private long ms() {
            return elapsed + (startedAt < 0 ? 0 : host.performanceCounterNanos() / 1_000_000 - startedAt);
        }

        @Override
        public String typeName() {
            return "System.Diagnostics.Stopwatch";
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "elapsedmilliseconds" -> ms();
                case "elapsed" -> new PsTimeSpan(java.time.Duration.ofMillis(ms()));
                case "elapsedticks" -> ms() * 10_000;
                case "isrunning" -> startedAt >= 0;
                default -> NONE;
            };
        }

        @Override
        public Object call(String name, List<Object> a) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "start" -> {
                    if (startedAt < 0) {
                        startedAt = host.performanceCounterNanos() / 1_000_000;
                    }
                }
                case "stop" -> {
                    elapsed = ms();
                    startedAt = -1;
                }
                case "reset" -> {
                    elapsed = 0;
                    startedAt = -1;
                }
                case "restart" -> {
                    elapsed = 0;
                    startedAt = host.performanceCounterNanos() / 1_000_000;
                }
                default -> {
                    return NONE;
                }
            }
            return PsConvert.VOID;
        }

        @Override
        public List<String> propertyNames() {
            return List.of("IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks");
        }
    }
}
