package org.caresignal.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives a mention's id from where it was published, so that the same post seen twice gets the
 * same id and every consumer downstream can drop the repeat.
 */
public final class MentionIds {

    private MentionIds() {}

    /** A name-based UUID of {@code source|externalId}; stable across runs and services. */
    public static UUID of(String source, String externalId) {
        if (source == null || source.isBlank() || externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("source and externalId are required");
        }
        if (source.contains("|")) {
            // Otherwise "a|b"+"c" and "a"+"b|c" would name the same post.
            throw new IllegalArgumentException("source must not contain '|'");
        }
        return UUID.nameUUIDFromBytes((source + "|" + externalId).getBytes(StandardCharsets.UTF_8));
    }
}
