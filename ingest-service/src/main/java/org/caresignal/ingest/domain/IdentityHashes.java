package org.caresignal.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256 with the pseudonym key) of what identifies a post: the post itself
 * (source and external id), its URL and its author's pseudonym, each with its own prefix so that no
 * two kinds can collide; what ingest keeps to find and refuse an erased post without keeping who or
 * where it was.
 */
public final class IdentityHashes {

    private static final int MIN_KEY_BYTES = 16;
    private static final Pattern SCHEME_AND_AUTHORITY =
            Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)$", Pattern.DOTALL);

    private final SecretKeySpec key;

    public IdentityHashes(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The post's hash: {@code "post\n" + source + "\n" + externalId}. */
    public String post(String source, String externalId) {
        if (source == null || externalId == null || externalId.isBlank()) {
            return null;
        }
        return hash("post\n" + source + "\n" + externalId);
    }

    /** The URL's hash, of {@link #normalizeUrl}; null without a URL. */
    public String url(String url) {
        var normalized = normalizeUrl(url);
        return normalized == null ? null : hash("url\n" + normalized);
    }

    /** The author's hash, of the pseudonym intake computes from source and handle. */
    public String author(String pseudonym) {
        return pseudonym == null || pseudonym.isBlank() ? null : hash("author\n" + pseudonym);
    }

    /**
     * The URL trimmed, with its scheme and host lower-cased (they are case-insensitive; the path is
     * not); null when blank.
     */
    public static String normalizeUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        var trimmed = url.strip();
        var m = SCHEME_AND_AUTHORITY.matcher(trimmed);
        if (!m.matches()) {
            return trimmed;
        }
        return m.group(1).toLowerCase(Locale.ROOT)
                + m.group(2).toLowerCase(Locale.ROOT)
                + m.group(3);
    }

    private String hash(String value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "IdentityHashes[HmacSHA256]";
    }
}
