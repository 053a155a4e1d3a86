package dev.reprolab.lab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.reprolab.input.BadInputException;
import dev.reprolab.input.LocatedYaml;
import dev.reprolab.remote.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reading lab configs: strict YAML with {@code file:line:col} errors, and secrets by reference (variable or file). */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** A config read into its raw type, with the located YAML it came from (for {@code file:line:col} errors). */
    public record Located<T>(T value, LocatedYaml yaml) {

        /** An error at the node {@code pointer} (or its nearest ancestor that is in the file). */
        public BadInputException error(String pointer, String message) {
            return yaml.error(pointer, message);
        }
    }

    /** The file as {@code type}; unknown keys and malformed YAML are one {@link BadInputException} with the position. */
    public static <T> T read(Path file, Class<T> type) {
        return readLocated(file, type).value();
    }

    /**
     * As {@link #read}, keeping the positions: every later check of the config can point at the line and column
     * of the value it rejects. Syntax errors, duplicate keys, unknown keys, values of the wrong type, a directory,
     * a UTF-16 or binary file: each one line {@code file:line:col: ...}.
     */
    public static <T> Located<T> readLocated(Path file, Class<T> type) {
        LocatedYaml y = LocatedYaml.read(file, "lab config");
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return new Located<>(mapper.treeToValue(y.root(), type), y);
        } catch (UnrecognizedPropertyException e) {
            throw y.keyError(pointer(e), "unknown key '" + e.getPropertyName() + "' (expected one of "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                what = "expected " + describe(m.getTargetType()) + " here";
            }
            throw y.error(e instanceof JsonMappingException jm ? pointer(jm) : "", what);
        }
    }

    private static String describe(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a text value";
        }
        if (java.util.List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(t) || !t.getName().startsWith("java.")) {
            return "a mapping (key: value lines)";
        }
        return t.getSimpleName();
    }

    /** The JSON Pointer of the node Jackson failed on. */
    private static String pointer(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            b.append('/').append(r.getFieldName() != null
                    ? r.getFieldName().replace("~", "~0").replace("/", "~1") : String.valueOf(r.getIndex()));
        }
        return b.toString();
    }

    /**
     * A secret named by {@code <key>Env} (an environment variable) or {@code <key>File} (a file beside the config);
     * empty when neither is given. A named variable that is unset or an unreadable file is a usage error.
     */
    public static Optional<Secret> secret(Path file, String key, String env, String path) {
        if (env != null) {
            String v = System.getenv(env);
            if (v == null) {
                throw new BadInputException(file + ": '" + key + "Env' names " + env + ", which is not set");
            }
            return Optional.of(Secret.of(v));
        }
        if (path != null) {
            Path p = file.toAbsolutePath().getParent().resolve(path);
            try {
                return Optional.of(Secret.of(Files.readString(p, StandardCharsets.UTF_8).strip()));
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read '" + key + "File' " + p + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
