package org.caresignal.ingest.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-256-GCM under a key ring (the first key writes, every key
 * reads) into the self-describing form {@code v1:<keyId>:<base64(nonce|ciphertext|tag)>}, bound to
 * a context (table, column and row id) as associated data so that a sealed value moved to another
 * row or column no longer opens.
 */
public final class SecretCipher {

    /** Version tag of the stored form; a future format gets another. */
    public static final String VERSION = "v1";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern SEALED =
            Pattern.compile("v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]+={0,2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private SecretCipher(Map<String, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new InvalidKeyRingException("the key ring is empty");
        }
        this.keys = Map.copyOf(keys);
        this.currentKeyId = keys.keySet().iterator().next();
    }

    /**
     * A cipher over the given keys, in order: the first is the current key (it seals), all open.
     *
     * @param keys key id to 32 raw key bytes
     */
    public static SecretCipher of(Map<String, byte[]> keys) {
        var ring = new LinkedHashMap<String, SecretKey>();
        for (var entry : keys.entrySet()) {
            var id = entry.getKey();
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new InvalidKeyRingException(
                        "a key id must be 1 to 32 letters, digits, '-' or '_'");
            }
            if (entry.getValue() == null || entry.getValue().length != KEY_BYTES) {
                throw new InvalidKeyRingException(
                        "key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256)");
            }
            if (ring.put(id, new SecretKeySpec(entry.getValue().clone(), "AES")) != null) {
                throw new InvalidKeyRingException("key id '" + id + "' appears twice");
            }
        }
        return new SecretCipher(ring);
    }

    /**
     * Parses a ring written as {@code keyId=base64key[,keyId=base64key...]} (the first is current);
     * errors name the key id, never the key.
     */
    public static SecretCipher parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidKeyRingException("no key given");
        }
        var keys = new LinkedHashMap<String, byte[]>();
        for (var part : spec.split(",")) {
            var item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new InvalidKeyRingException(
                        "each key must be written keyId=base64key (32 bytes), separated by commas");
            }
            var id = item.substring(0, eq).strip();
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(item.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyRingException("key '" + id + "' is not valid base64");
            }
            if (keys.containsKey(id)) {
                throw new InvalidKeyRingException("key id '" + id + "' appears twice");
            }
            keys.put(id, raw);
        }
        return of(keys);
    }

    /** A ring of one fresh random key, for development and tests where nothing must survive. */
    public static SecretCipher generated(String keyId) {
        return of(Map.of(keyId, randomKey()));
    }

    /** 32 random bytes, a new AES-256 key. */
    public static byte[] randomKey() {
        var key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Whether {@code value} has the sealed form (as opposed to a legacy plain-text value). */
    public static boolean isSealed(String value) {
        return value != null && SEALED.matcher(value).matches();
    }

    /** The id of the key that sealed {@code sealed}, or null when it is not sealed. */
    public static String keyIdOf(String sealed) {
        if (sealed == null) {
            return null;
        }
        var m = SEALED.matcher(sealed);
        return m.matches() ? m.group(1) : null;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** The key ids this ring can open, current first. */
    public List<String> keyIds() {
        var ids = new ArrayList<String>();
        ids.add(currentKeyId);
        keys.keySet().stream().filter(id -> !id.equals(currentKeyId)).sorted().forEach(ids::add);
        return ids;
    }

    /** Whether {@code sealed} was sealed by the current key (false: re-seal it to rotate). */
    public boolean isCurrent(String sealed) {
        return currentKeyId.equals(keyIdOf(sealed));
    }

    /** Seals {@code plaintext} with the current key and a fresh random nonce, bound to context. */
    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            throw new IllegalArgumentException("nothing to seal");
        }
        var nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    keys.get(currentKeyId),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(currentKeyId, context));
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return VERSION
                    + ":"
                    + currentKeyId
                    + ":"
                    + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Opens a value sealed for {@code context}.
     *
     * @throws UnreadableSecretException when the form is wrong, the key is not in the ring, or the
     *     value was tampered with, sealed by another key of the same id, or belongs to another
     *     context
     */
    public String open(String sealed, String context) {
        var m = sealed == null ? null : SEALED.matcher(sealed);
        if (m == null || !m.matches()) {
            throw new UnreadableSecretException(
                    context, "it is not in the sealed form v1:<keyId>:<base64>");
        }
        var keyId = m.group(1);
        var key = keys.get(keyId);
        if (key == null) {
            throw new UnreadableSecretException(
                    context, "key '" + keyId + "' is not configured (known: " + keyIds() + ")");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(context, "its base64 part is damaged");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException(context, "it is too short to be sealed");
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(aad(keyId, context));
            var plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(
                    context,
                    "authentication failed under key '"
                            + keyId
                            + "' (a wrong key, a tampered value or a value moved from another"
                            + " row)");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException(context, "it cannot be decrypted");
        }
    }

    private static byte[] aad(String keyId, String context) {
        // The header is bound too, so that a value cannot be relabelled.
        return (VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Never print key material.
        return "SecretCipher[current=" + currentKeyId + ", keys=" + keyIds() + "]";
    }

    /** The key ring given in configuration is unusable; the message never contains a key. */
    public static final class InvalidKeyRingException extends RuntimeException {
        public InvalidKeyRingException(String message) {
            super(message);
        }
    }

    /** A stored secret cannot be opened; the message names the context, never the value. */
    public static final class UnreadableSecretException extends RuntimeException {
        private final String context;

        public UnreadableSecretException(String context, String reason) {
            super("the secret of " + context + " cannot be read: " + reason);
            this.context = context;
        }

        public String context() {
            return context;
        }
    }
}
