package dev.reprolab.sim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The wire format every simulated ARM endpoint shares: query strings, JSON bodies in and out, list envelopes. */
final class ArmHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private ArmHttp() {
    }

    static boolean is(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    static JsonNode readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readAllBytes();
            if (b.length == 0) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(b);
            } catch (IOException e) {
                throw new ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: '"
                        + e.getMessage().lines().findFirst().orElse("") + "'.");
            }
        }
    }

    static void send(HttpExchange ex, int status, JsonNode body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("x-ms-request-id", UUID.randomUUID().toString());
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    static ObjectNode list(List<ObjectNode> items) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray("value");
        items.forEach(i -> a.add(i.deepCopy()));
        return o;
    }
}
