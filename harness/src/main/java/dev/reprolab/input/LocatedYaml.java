package dev.reprolab.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reprolab.input.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a JSON tree that remembers where every node came from (JSON Pointer → line:column), so
 * that every error — schema or meaning — points at the exact spot in the file.
 */
public final class LocatedYaml {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Path file;
    private final JsonNode root;
    private final Map<String, int[]> locations;

    private LocatedYaml(Path file, JsonNode root, Map<String, int[]> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    public static LocatedYaml read(Path file) {
        return read(file, "YAML");
    }

    /** As {@link #read(Path)}; {@code what} names the file in errors ("scenario", "lab config"...). */
    public static LocatedYaml read(Path file, String what) {
        String text = TextFile.read(file, what);
        Map<String, int[]> loc = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw BadInputException.at(file, 1, 1, "the file is empty");
            }
            JsonNode root = value(p, "", loc);
            return new LocatedYaml(file, root, loc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    /**
     * A YAML syntax error as one line at the problem's position: SnakeYAML's own message is several lines with an
     * excerpt of the file and a caret, which a terminal (and CI log) shows as noise.
     */
    static BadInputException syntaxError(Path file, com.fasterxml.jackson.core.JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                String context = m.getContext() == null ? "" : m.getContext().strip() + ": ";
                String problem = m.getProblem() == null ? "syntax error" : m.getProblem().strip();
                return BadInputException.at(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1,
                        "not valid YAML: " + (context + problem).replaceAll("\\s+", " "));
            }
        }
        JsonLocation l = e.getLocation();
        return BadInputException.at(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(),
                "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("").strip());
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, int[]> loc) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        loc.put(pointer, new int[] {l.getLineNr(), l.getColumnNr()});
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = F.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    if (o.has(name)) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "duplicate key '" + name + "'", kl);
                    }
                    p.nextToken();
                    o.set(name, value(p, child, loc));
                    loc.put(child + "#key", new int[] {kl.getLineNr(), kl.getColumnNr()});
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = F.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, pointer + "/" + i++, loc));
                }
                return a;
            }
            case VALUE_STRING -> {
                return F.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return F.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return F.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return F.booleanNode(p.getBooleanValue());
            }
            default -> {
                return F.nullNode();
            }
        }
    }

    public Path file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** line:col of a node (or of its nearest located ancestor). */
    public int[] location(String pointer) {
        String p = pointer;
        while (true) {
            int[] l = locations.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return new int[] {1, 1};
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    /** The location of a key (for unknown keys), else of its value. */
    public int[] keyLocation(String pointer) {
        int[] k = locations.get(pointer + "#key");
        return k != null ? k : location(pointer);
    }

    public BadInputException error(String pointer, String message) {
        int[] l = location(pointer);
        return BadInputException.at(file, l[0], l[1], message);
    }

    public BadInputException keyError(String pointer, String message) {
        int[] l = keyLocation(pointer);
        return BadInputException.at(file, l[0], l[1], message);
    }
}
