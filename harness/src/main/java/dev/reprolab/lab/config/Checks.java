package dev.reprolab.lab.config;

import dev.reprolab.input.BadInputException;
import dev.reprolab.remote.Secret;
import java.time.Duration;
import java.util.Optional;

/** Checks of lab-config values, each failing as one {@code file:line:col} line at the value it rejects. */
public final class Checks {

    private Checks() {
    }

    /** A TCP port: 1 to 65535. */
    public static int port(YamlFiles.Located<?> y, String pointer, Integer port) {
        if (port == null || port < 1 || port > 65535) {
            throw y.error(pointer, "port " + port + " is outside 1-65535");
        }
        return port;
    }

    /**
     * A certificate's SHA-256 fingerprint: 64 hex digits, optionally in pairs separated by colons (the way
     * openssl prints it).
     */
    public static String sha256(YamlFiles.Located<?> y, String pointer, String value) {
        String hex = value.replace(":", "").strip();
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            throw y.error(pointer, "a SHA-256 fingerprint is 64 hex digits, got " + hex.length() + " characters"
                    + (hex.matches("[0-9A-Fa-f]{40}") ? " (that is a SHA-1 thumbprint: use the SHA-256 one)" : ""));
        }
        return value;
    }

    /** A duration written as {@code 200ms}, {@code 5m}...; zero is refused (a deadline of nothing). */
    public static Duration positiveDuration(YamlFiles.Located<?> y, String pointer, String text) {
        Duration d;
        try {
            d = Durations.parse(y.yaml().file(), text);
        } catch (BadInputException e) {
            throw y.error(pointer, "'" + text + "' is not a duration (expected e.g. 200ms, 1s, 5m, 2h)");
        }
        if (d.isZero()) {
            throw y.error(pointer, "'" + text + "' is no time at all: a deadline must be longer than zero");
        }
        return d;
    }

    /** {@link YamlFiles#secret}, with its errors at the key that names the secret. */
    public static Optional<Secret> secret(YamlFiles.Located<?> y, String at, String key, String env, String path) {
        try {
            return YamlFiles.secret(y.yaml().file(), key, env, path);
        } catch (BadInputException e) {
            String where = at + "/" + (env != null ? "passwordEnv" : "passwordFile");
            if (!key.endsWith(".password")) {
                where = at + "/" + key.substring(key.lastIndexOf('.') + 1) + (env != null ? "Env" : "File");
            }
            String msg = e.getMessage();
            String prefix = y.yaml().file() + ": ";
            throw y.error(where, msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg);
        }
    }
}
