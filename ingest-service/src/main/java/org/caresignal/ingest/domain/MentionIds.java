package org.caresignal.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives a mention's id from where it was published, so that the same post seen twice gets the
 * same id and every consumer downstream can drop the repeat. A post matching several brands is one
 * mention per brand: the first brand (in brand-id order) has the post's own id, {@link #of}, and
 * each further brand the id {@link #ofAdditionalBrand} derives from the post and that brand.
 */
public final class MentionIds {

    private MentionIds() {}

    /**
     * A name-based UUID of {@code source|externalId}; stable across runs and services. It is the
     * post's own id: the mention of its first brand, and what a repost's {@code repostOf} names.
     */
    public static UUID of(String source, String externalId) {
        requireParts(source, externalId);
        return UUID.nameUUIDFromBytes((source + "|" + externalId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The id of the post's mention for a brand other than its first: a name-based UUID of {@code
     * |brand|<length>:source|<length>:externalId|brandId}. The leading separator keeps it apart
     * from every {@link #of} name (their source is never empty), and the lengths keep a separator
     * inside the external id from shifting the parts, so no two (post, brand) pairs share a name.
     */
    public static UUID ofAdditionalBrand(String source, String externalId, String brandId) {
        requireParts(source, externalId);
        if (brandId == null || brandId.isBlank()) {
            throw new IllegalArgumentException("brandId is required");
        }
        var name =
                "|brand|"
                        + source.length()
                        + ":"
                        + source
                        + "|"
                        + externalId.length()
                        + ":"
                        + externalId
                        + "|"
                        + brandId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireParts(String source, String externalId) {
        if (source == null || source.isBlank() || externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("source and externalId are required");
        }
        if (source.contains("|")) {
            // Otherwise "a|b"+"c" and "a"+"b|c" would name the same post.
            throw new IllegalArgumentException("source must not contain '|'");
        }
    }
}
