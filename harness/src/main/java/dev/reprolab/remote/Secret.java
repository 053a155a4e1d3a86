package dev.reprolab.remote;

import java.util.Objects;

/**
 * A secret value (WinRM password, SAS token, bearer token). Its {@code toString} never shows the value, and every
 * secret created is registered with {@link SecretMasker}, which blanks it out of every log line, report and bundle.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a value and registers it for masking. */
    public static Secret of(String value) {
        Secret secret = new Secret(value);
        SecretMasker.register(value);
        return secret;
    }

    /** The clear value: only for handing to a transport (Overthere, an HTTP header). Never log it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
