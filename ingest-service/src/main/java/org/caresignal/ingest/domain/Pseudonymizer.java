package org.caresignal.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an author's handle into a stable pseudonym with a keyed hash (HMAC-SHA256), so that posts
 * by the same author can be grouped without keeping who the author is; without the key the
 * pseudonym cannot be reversed or recomputed from a guessed handle.
 */
public final class Pseudonymizer {

    private static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;

    public Pseudonymizer(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the pseudonym key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** {@code a_} and 24 hex digits; the same source and handle always give the same pseudonym. */
    public String pseudonym(String source, String handle) {
        if (handle == null || handle.isBlank()) {
            return null;
        }
        var normalized = handle.strip().replaceFirst("^@", "").toLowerCase(java.util.Locale.ROOT);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            var digest = mac.doFinal((source + "\n" + normalized).getBytes(StandardCharsets.UTF_8));
            return "a_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        // Never print the key.
        return "Pseudonymizer[HmacSHA256]";
    }
}
