package dev.reprolab.sim.guest.tools.ps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Locale;

/**
 * {@code [Net.WebRequest]::Create(url)} for http(s): .NET 3.5's HttpWebRequest with the members a streaming upload
 * uses. As in .NET 2.0–4.0, {@code AllowWriteStreamBuffering} is true by default and then the whole body is held in
 * memory until {@code GetResponse()} (what makes {@code WebClient.UploadFile} of a gigabyte dump fail with
 * OutOfMemoryException on a real guest); with it false the body goes out as it is written, and a ContentLength (or
 * SendChunked) is required first.
 */
final class HttpWebRequestObject implements DotNetObject {

    private final String url;
    private String method = "GET";
    private long contentLength = -1;
    private boolean buffering = true;
    private boolean chunked;
    private int timeout = GuestHttp.DEFAULT_TIMEOUT_MS;
    private int readWriteTimeout = GuestHttp.DEFAULT_READ_WRITE_TIMEOUT_MS;
    private String contentType;
    private HttpURLConnection connection;
    private RequestStream stream;

    HttpWebRequestObject(String url) {
        this.url = url;
    }

    @Override
    public String typeName() {
        return "System.Net.HttpWebRequest";
    }

    @Override
    public Object property(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "method" -> method;
            case "contentlength" -> contentLength;
            case "allowwritestreambuffering" -> buffering;
            case "sendchunked" -> chunked;
            case "timeout" -> timeout;
            case "readwritetimeout" -> readWriteTimeout;
            case "contenttype" -> contentType;
            case "requesturi", "address" -> url;
            case "keepalive" -> true;
            case "proxy", "credentials" -> null;
            default -> NONE;
        };
    }

    @Override
    public boolean setProperty(String name, Object value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "method" -> method = PsConvert.str(value).toUpperCase(Locale.ROOT);
            case "contentlength" -> {
                long v = PsConvert.toLong(value);
                if (v < 0) {
                    throw new NetException("System.ArgumentOutOfRangeException", "Specified argument was out of the range of valid values.\r\nParameter name: value");
                }
                contentLength = v;
            }
            case "allowwritestreambuffering" -> buffering = PsConvert.truthy(value);
            case "sendchunked" -> chunked = PsConvert.truthy(value);
            case "timeout" -> timeout = PsConvert.toInt(value);
            case "readwritetimeout" -> readWriteTimeout = PsConvert.toInt(value);
            case "contenttype" -> contentType = value == null ? null : PsConvert.str(value);
            case "keepalive", "proxy", "credentials", "preauthenticate", "useragent" -> {
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object call(String name, List<Object> a) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "getrequeststream" -> {
                return requestStream();
            }
            case "getresponse" -> {
                return response();
            }
            case "abort" -> {
                if (connection != null) {
                    connection.disconnect();
                }
                return PsConvert.VOID;
            }
            default -> {
                return NONE;
            }
        }
    }

    private RequestStream requestStream() {
        if (method.equals("GET") || method.equals("HEAD")) {
            throw new NetException("System.Net.ProtocolViolationException", "Cannot send a content-body with this verb-type.");
        }
        if (!buffering && contentLength < 0 && !chunked) {
            throw new NetException("System.Net.ProtocolViolationException", "When performing a write operation with"
                    + " AllowWriteStreamBuffering set to false, you must either set ContentLength to a non-negative number or"
                    + " set SendChunked to true.");
        }
        if (stream == null) {
            connection = GuestHttp.open(url, method, timeout, readWriteTimeout);
            connection.setDoOutput(true);
            if (contentType != null) {
                connection.setRequestProperty("Content-Type", contentType);
            }
            if (!buffering) {
                if (chunked) {
                    connection.setChunkedStreamingMode(64 * 1024);
                } else {
                    connection.setFixedLengthStreamingMode(contentLength);
                }
                try {
                    stream = new RequestStream(connection.getOutputStream(), contentLength);
                } catch (IOException e) {
                    throw GuestHttp.failure(e, connection.getURL().getHost());
                }
            } else {
                stream = new RequestStream(new ByteArrayOutputStream(), contentLength);
            }
        }
        return stream;
    }

    private DotNetObject response() {
        try {
            if (stream != null && stream.out instanceof ByteArrayOutputStream held) {
                byte[] body = held.toByteArray();
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream o = connection.getOutputStream()) {
                    o.write(body);
                }
            } else if (stream != null) {
                stream.out.close();
            } else {
                connection = GuestHttp.open(url, method, timeout, readWriteTimeout);
            }
        } catch (IOException e) {
            throw GuestHttp.failure(e, connection.getURL().getHost());
        }
        int code = GuestHttp.status(connection);
        String description;
        try {
            description = connection.getResponseMessage();
        } catch (IOException e) {
            throw GuestHttp.failure(e, connection.getURL().getHost());
        }
        long length = connection.getContentLengthLong();
        HttpURLConnection c = connection;
        return new DotNetObject() {
            @Override
            public String typeName() {
                return "System.Net.HttpWebResponse";
            }

            @Override
            public Object property(String name) {
                return switch (name.toLowerCase(Locale.ROOT)) {
                    case "statuscode" -> new PsEnum("System.Net.HttpStatusCode", statusName(code), code);
                    case "statusdescription" -> description;
                    case "contentlength" -> length;
                    default -> NONE;
                };
            }

            @Override
            public Object call(String name, List<Object> args) {
                if (name.equalsIgnoreCase("close") || name.equalsIgnoreCase("dispose")) {
                    c.disconnect();
                    return PsConvert.VOID;
                }
                return NONE;
            }
        };
    }

    private static String statusName(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "NoContent";
            default -> String.valueOf(code);
        };
    }

    @Override
    public String toString() {
        return typeName();
    }

    /** The request stream: Write, Flush, Close; a fixed ContentLength is enforced as .NET does. */
    static final class RequestStream implements DotNetObject {
        final OutputStream out;
        private final long limit;
        private long written;
        private boolean closed;

        RequestStream(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public String typeName() {
            return "System.Net.ConnectStream";
        }

        @Override
        public Object call(String name, List<Object> a) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "write" -> {
                    FileStreamMembers.arity(name, a, 3);
                    byte[] b = FileStreamMembers.bytes(a.get(0));
                    int off = PsConvert.toInt(a.get(1));
                    int n = PsConvert.toInt(a.get(2));
                    if (limit >= 0 && written + n > limit) {
                        throw new NetException("System.Net.ProtocolViolationException",
                                "Bytes to be written to the stream exceed the Content-Length bytes size specified.");
                    }
                    try {
                        out.write(b, off, n);
                    } catch (IOException e) {
                        throw new NetException("System.IO.IOException", "Unable to write data to the transport connection:"
                                + " An existing connection was forcibly closed by the remote host.");
                    }
                    written += n;
                    return PsConvert.VOID;
                }
                case "flush" -> {
                    return PsConvert.VOID;
                }
                case "close", "dispose" -> {
                    if (!closed && limit >= 0 && written < limit && !(out instanceof ByteArrayOutputStream)) {
                        throw new NetException("System.IO.IOException", "Cannot close stream until all bytes are written.");
                    }
                    closed = true;
                    return PsConvert.VOID;
                }
                default -> {
                    return NONE;
                }
            }
        }
    }
}
