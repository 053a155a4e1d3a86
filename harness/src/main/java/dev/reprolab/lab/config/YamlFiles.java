package dev.reprolab.lab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reprolab.cli.UsageException;
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

    /** The file as {@code type}; unknown keys and malformed YAML are one {@link UsageException} with the position. */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": lab config not found");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (UnrecognizedPropertyException e) {
            throw UsageException.at(file, e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
                    "unknown key '" + e.getPropertyName() + "' (expected one of " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            var l = e.getLocation();
            throw UsageException.at(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /**
     * A secret named by {@code <key>Env} (an environment variable) or {@code <key>File} (a file beside the config);
     * empty when neither is given. A named variable that is unset or an unreadable file is a usage error.
     */
    public static Optional<Secret> secret(Path file, String key, String env, String path) {
        if (env != null) {
            String v = System.getenv(env);
            if (v == null) {
                throw new UsageException(file + ": '" + key + "Env' names " + env + ", which is not set");
            }
            return Optional.of(Secret.of(v));
        }
        if (path != null) {
            Path p = file.toAbsolutePath().getParent().resolve(path);
            try {
                return Optional.of(Secret.of(Files.readString(p, StandardCharsets.UTF_8).strip()));
            } catch (IOException e) {
                throw new UsageException(file + ": cannot read '" + key + "File' " + p + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
