package dev.reprolab.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one way journal lines are written and read: {@code {"ts":"…","type":"trial-finished",…fields}} on one line.
 * Reading is lenient where journals differ over time — unknown fields are ignored, missing ones are null/zero, an
 * unknown {@code type} (a newer harness's event) or a torn line (a killed run's last) is skipped, not fatal.
 */
public final class JournalCodec {

    private static final ObjectMapper JSON = mapper();

    private JournalCodec() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        m.disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        // an outcome a newer harness added reads as null (not counted) instead of losing the whole line
        m.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        for (Class<?> c : JournalEvent.class.getPermittedSubclasses()) {
            JsonTypeName name = c.getAnnotation(JsonTypeName.class);
            if (name == null) {
                throw new IllegalStateException(c.getName() + " has no @JsonTypeName: every journal event needs its wire name");
            }
            m.registerSubtypes(new NamedType(c, name.value()));
        }
        return m;
    }

    /** The wire name of an event type ({@code trial-finished} for {@link TrialFinished}). */
    public static String typeName(Class<? extends JournalEvent> type) {
        return type.getAnnotation(JsonTypeName.class).value();
    }

    /** One journal line, without its newline. */
    public static String encode(Instant ts, JournalEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("ts", ts.toString());
        line.setAll((ObjectNode) JSON.valueToTree(event));
        return line.toString();
    }

    /** The entry a line holds; empty for a blank, torn or unknown-type line. */
    public static Optional<JournalEntry> decode(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.path("type").isTextual()) {
                return Optional.empty();
            }
            JournalEvent e = JSON.treeToValue(n, JournalEvent.class);
            if (e == null) {
                return Optional.empty();
            }
            return Optional.of(new JournalEntry(ts(n), e));
        } catch (JsonProcessingException | IllegalArgumentException torn) {
            return Optional.empty();
        }
    }

    private static Instant ts(JsonNode n) {
        try {
            return Instant.parse(n.path("ts").asText());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
