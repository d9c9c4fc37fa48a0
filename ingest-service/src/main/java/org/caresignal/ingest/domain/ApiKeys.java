package org.caresignal.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes, hashes and checks the API keys of webhook integrations: a key is {@code csk_} followed by
 * 32 random bytes in base64url, and only its SHA-256 is ever stored.
 */
public final class ApiKeys {

    /** Marks our keys, so that a leaked one is recognisable (and secret scanners can find it). */
    public static final String PREFIX = "csk_";

    /** Shortest key accepted from configuration: anything shorter is too easy to guess. */
    public static final int MIN_CONFIGURED_LENGTH = 32;

    private static final int RANDOM_BYTES = 32;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new random key. */
    public static String generate() {
        var bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hex SHA-256 of the key, which is what is stored and looked up. */
    public static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the presented key hashes to the stored hash, compared in constant time. */
    public static boolean matches(String presentedKey, String storedHash) {
        if (presentedKey == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(
                hash(presentedKey).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The first characters of a key, enough to tell keys apart in a list and nothing more. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), key.startsWith(PREFIX) ? 8 : 4));
    }

    /** Whether the name suits an integration (a slug, as it is recorded on mentions). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Parses configured keys, {@code name=key} pairs separated by commas or new lines.
     *
     * @throws IllegalArgumentException naming the bad entry (never showing its key)
     */
    public static Map<String, String> parseConfigured(String value) {
        var keys = new LinkedHashMap<String, String>();
        if (value == null || value.isBlank()) {
            return keys;
        }
        int entry = 0;
        for (var pair : value.split("[,\\n]")) {
            entry++;
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "entry " + entry + " is not name=key (the key is not shown)");
            }
            var name = pair.substring(0, eq).strip();
            var key = pair.substring(eq + 1).strip();
            if (!isValidName(name)) {
                throw new IllegalArgumentException(
                        "entry " + entry + ": the name must be a lower-case slug");
            }
            if (key.length() < MIN_CONFIGURED_LENGTH) {
                throw new IllegalArgumentException(
                        "the key of "
                                + name
                                + " is shorter than "
                                + MIN_CONFIGURED_LENGTH
                                + " characters; use e.g. `openssl rand -base64 32`");
            }
            if (keys.put(name, key) != null) {
                throw new IllegalArgumentException(name + " is configured twice");
            }
        }
        return keys;
    }
}
