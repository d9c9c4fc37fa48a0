package org.caresignal.sentiment.domain;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the newest-first mention search ended: the last row's published time and mention
 * id, sent to clients as an opaque token so that the next page starts right after it (keyset
 * paging) instead of skipping rows with an OFFSET.
 */
public record MentionCursor(Instant publishedAt, UUID mentionId) {

    private static final String VERSION = "m1";

    public MentionCursor {
        if (publishedAt == null || mentionId == null) {
            throw new IllegalArgumentException("a cursor needs a published time and a mention id");
        }
    }

    /** The token a client sends back as {@code cursor}: URL-safe, no padding. */
    public String token() {
        var plain =
                VERSION
                        + "."
                        + publishedAt.getEpochSecond()
                        + "."
                        + publishedAt.getNano()
                        + "."
                        + mentionId;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a token made by {@link #token()}.
     *
     * @throws IllegalArgumentException when it is not one (never echoing it)
     */
    public static MentionCursor parse(String token) {
        // A token is about 70 characters; anything much longer is not one.
        if (token == null || token.isEmpty() || token.length() > 128) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            var plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            var parts = plain.split("\\.", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("not a cursor");
            }
            var at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            return new MentionCursor(at, UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
