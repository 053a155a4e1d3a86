package dev.reprolab.remote;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place that knows every secret in this JVM and replaces it with {@code ******} in text on its way to a
 * log, a report or a bundle. Logback's masking converter, the journal writer, the report renderers and the bundle
 * writer all call {@link #mask(String)}.
 */
public final class SecretMasker {

    public static final String MASK = "******";

    /** Longest first, so a secret that contains another is masked whole. */
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private SecretMasker() {
    }

    /**
     * Registers a secret; values shorter than 4 characters are not masked (they would blank ordinary text). Its form
     * inside a JSON string is registered too: the journal and the reports' JSON are masked as encoded text, where a
     * password with a quote or a backslash appears escaped and the plain form would not match.
     */
    public static void register(String secret) {
        if (secret == null || secret.length() < 4 || SECRETS.contains(secret)) {
            return;
        }
        SECRETS.add(secret);
        String json = jsonEscaped(secret);
        if (!json.equals(secret) && !SECRETS.contains(json)) {
            SECRETS.add(json);
        }
        SECRETS.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The text as Jackson writes it between a JSON string's quotes. */
    static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append(c < 0x20 ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }

    /** The text with every registered secret replaced by {@link #MASK}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** Whether the text contains any registered secret (used by tests and the bundle writer's final check). */
    /** The registered secrets, for scanners of binary data (bundles). Never print them. */
    public static List<String> secrets() {
        return List.copyOf(SECRETS);
    }

    public static boolean containsSecret(String text) {
        return text != null && SECRETS.stream().anyMatch(text::contains);
    }
}
