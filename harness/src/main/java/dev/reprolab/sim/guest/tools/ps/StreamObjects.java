package dev.reprolab.sim.guest.tools.ps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Text.StringBuilder, IO.StreamReader, IO.StreamWriter and IO.MemoryStream. */
final class StreamObjects {

    private StreamObjects() {
    }

    /** System.Text.StringBuilder. */
    static final class StringBuilderObject implements DotNetObject {
        final StringBuilder sb = new StringBuilder();

        @Override
        public String typeName() {
            return "System.Text.StringBuilder";
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "length" -> sb.length();
                case "capacity" -> Math.max(16, sb.capacity());
                case "maxcapacity" -> Integer.MAX_VALUE;
                default -> NONE;
            };
        }

        @Override
        public Object call(String name, List<Object> a) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "append" -> sb.append(a.isEmpty() ? "" : PsConvert.str(a.get(0)));
                case "appendline" -> sb.append(a.isEmpty() ? "" : PsConvert.str(a.get(0))).append("\r\n");
                case "appendformat" -> sb.append(DotNetFormat.format(PsConvert.str(a.get(0)), a.subList(1, a.size())));
                case "insert" -> sb.insert(PsConvert.toInt(a.get(0)), PsConvert.str(a.get(1)));
                case "replace" -> {
                    String r = sb.toString().replace(PsConvert.str(a.get(0)), PsConvert.str(a.get(1)));
                    sb.setLength(0);
                    sb.append(r);
                }
                case "remove" -> sb.delete(PsConvert.toInt(a.get(0)), PsConvert.toInt(a.get(0)) + PsConvert.toInt(a.get(1)));
                case "clear" -> sb.setLength(0);
                case "tostring" -> {
                    return sb.toString();
                }
                default -> {
                    return NONE;
                }
            }
            return this;
        }

        @Override
        public List<String> propertyNames() {
            return List.of("Capacity", "MaxCapacity", "Length");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /** System.IO.StreamReader over a whole file's text. */
    static final class StreamReaderObject implements DotNetObject {
        private final String text;
        private int pos;
        private boolean closed;

        StreamReaderObject(byte[] bytes, Charset cs) {
            this.text = FileText.decode(bytes, cs);
        }

        @Override
        public String typeName() {
            return "System.IO.StreamReader";
        }

        @Override
        public Object property(String name) {
            return name.equalsIgnoreCase("EndOfStream") ? pos >= text.length() : NONE;
        }

        @Override
        public Object call(String name, List<Object> a) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "readline" -> {
                    if (pos >= text.length()) {
                        return null;
                    }
                    int nl = text.indexOf('\n', pos);
                    String line = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
                    pos = nl < 0 ? text.length() : nl + 1;
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
                case "readtoend" -> {
                    String rest = text.substring(pos);
                    pos = text.length();
                    return rest;
                }
                case "peek" -> {
                    return pos < text.length() ? (int) text.charAt(pos) : -1;
                }
                case "read" -> {
                    return pos < text.length() ? (int) text.charAt(pos++) : -1;
                }
                case "close", "dispose" -> {
                    closed = true;
                    return PsConvert.VOID;
                }
                default -> {
                    return NONE;
                }
            }
        }

        boolean closed() {
            return closed;
        }
    }

    /** System.IO.StreamWriter appending text to a guest file on Flush/Close (UTF-8 without BOM by default). */
    static final class StreamWriterObject implements DotNetObject {
        private final java.nio.file.Path file;
        private final Charset cs;
        private final StringBuilder pending = new StringBuilder();
        private final PsHost host;
        boolean autoFlush;

        StreamWriterObject(PsHost host, java.nio.file.Path file, boolean append, Charset cs) {
            this.host = host;
            this.file = file;
            this.cs = cs;
            try {
                if (!append) {
                    java.nio.file.Files.write(file, new byte[0]);
                }
            } catch (java.io.IOException e) {
                throw new NetException("System.IO.IOException", e.getMessage());
            }
        }

        @Override
        public String typeName() {
            return "System.IO.StreamWriter";
        }

        @Override
        public boolean setProperty(String name, Object value) {
            if (name.equalsIgnoreCase("AutoFlush")) {
                autoFlush = PsConvert.truthy(value);
                return true;
            }
            return false;
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "autoflush" -> autoFlush;
                case "newline" -> "\r\n";
                default -> NONE;
            };
        }

        @Override
        public Object call(String name, List<Object> a) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "write" -> pending.append(a.isEmpty() ? "" : PsConvert.str(a.get(0)));
                case "writeline" -> pending.append(a.isEmpty() ? "" : a.size() > 1
                        ? DotNetFormat.format(PsConvert.str(a.get(0)), a.subList(1, a.size())) : PsConvert.str(a.get(0))).append("\r\n");
                case "flush", "close", "dispose" -> flush();
                default -> {
                    return NONE;
                }
            }
            if (autoFlush) {
                flush();
            }
            return PsConvert.VOID;
        }

        private void flush() {
            byte[] b = pending.toString().getBytes(cs);
            pending.setLength(0);
            try {
                host.reserveDisk(b.length);
                java.nio.file.Files.write(file, b, java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
            } catch (java.io.IOException e) {
                throw new NetException("System.IO.IOException", "There is not enough space on the disk.\r\n");
            }
        }
    }

    /** System.IO.MemoryStream. */
    static final class MemoryStreamObject implements DotNetObject {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override
        public String typeName() {
            return "System.IO.MemoryStream";
        }

        byte[] toArray() {
            return buf.toByteArray();
        }

        @Override
        public Object property(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "length", "position" -> (long) buf.size();
                default -> NONE;
            };
        }

        @Override
        public Object call(String name, List<Object> a) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "write" -> {
                    byte[] b = FileStreamMembers.bytes(a.get(0));
                    buf.write(b, PsConvert.toInt(a.get(1)), PsConvert.toInt(a.get(2)));
                    return PsConvert.VOID;
                }
                case "toarray" -> {
                    return buf.toByteArray();
                }
                case "close", "dispose", "flush" -> {
                    return PsConvert.VOID;
                }
                default -> {
                    return NONE;
                }
            }
        }
    }

    static Charset charset(Object encoding) {
        if (encoding instanceof EncodingObject e) {
            return e.charset();
        }
        return StandardCharsets.UTF_8;
    }
}
