package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String SECRET = "client-id:very-secret-app-password";
    private static final String ROW = "source_connector.credential:reddit-mercy";

    private static String ring(String... idsAndKeys) {
        var spec = new StringBuilder();
        for (int i = 0; i < idsAndKeys.length; i += 2) {
            spec.append(spec.isEmpty() ? "" : ",")
                    .append(idsAndKeys[i])
                    .append('=')
                    .append(idsAndKeys[i + 1]);
        }
        return spec.toString();
    }

    private static String newKey() {
        return Base64.getEncoder().encodeToString(SecretCipher.randomKey());
    }

    @Test
    void roundTripKeepsTheValueAndTheStoredFormDescribesItself() {
        var cipher = SecretCipher.parse(ring("k1", newKey()));

        var sealed = cipher.seal(SECRET, ROW);

        assertThat(sealed).startsWith("v1:k1:").doesNotContain(SECRET).doesNotContain("secret");
        assertThat(SecretCipher.isSealed(sealed)).isTrue();
        assertThat(SecretCipher.keyIdOf(sealed)).isEqualTo("k1");
        assertThat(cipher.open(sealed, ROW)).isEqualTo(SECRET);
        // Unicode survives too.
        assertThat(cipher.open(cipher.seal("pässwörd-✓", ROW), ROW)).isEqualTo("pässwörd-✓");
    }

    @Test
    void equalPlaintextsGiveDistinctCiphertexts() {
        var cipher = SecretCipher.generated("dev");

        var a = cipher.seal(SECRET, ROW);
        var b = cipher.seal(SECRET, ROW);

        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.open(a, ROW)).isEqualTo(cipher.open(b, ROW)).isEqualTo(SECRET);
    }

    @Test
    void aTamperedValueIsRefusedWithoutShowingIt() {
        var cipher = SecretCipher.generated("k1");
        var sealed = cipher.seal(SECRET, ROW);
        var raw = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
        raw[raw.length / 2] ^= 0x01;
        var tampered = "v1:k1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.open(tampered, ROW))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("authentication failed")
                .hasMessageContaining(ROW)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> cipher.open("v1:k1:AAAA", ROW))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.open(SECRET, ROW))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("not in the sealed form")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        var cipher = SecretCipher.generated("k1");
        var sealed = cipher.seal(SECRET, ROW);

        assertThatThrownBy(() -> cipher.open(sealed, "source_connector.credential:other-row"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void aWrongKeyOfTheSameIdOrAnUnknownKeyIdIsNamed() {
        var sealed = SecretCipher.parse(ring("k1", newKey())).seal(SECRET, ROW);

        assertThatThrownBy(() -> SecretCipher.parse(ring("k1", newKey())).open(sealed, ROW))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("wrong key");
        assertThatThrownBy(() -> SecretCipher.parse(ring("k2", newKey())).open(sealed, ROW))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("key 'k1' is not configured");
    }

    @Test
    void rotationReadsOldValuesAndWritesWithTheCurrentKey() {
        var oldKey = newKey();
        var before = SecretCipher.parse(ring("2025", oldKey));
        var old = before.seal(SECRET, ROW);

        var newKey = newKey();
        var after = SecretCipher.parse(ring("2026", newKey, "2025", oldKey));

        assertThat(after.currentKeyId()).isEqualTo("2026");
        assertThat(after.keyIds()).containsExactly("2026", "2025");
        assertThat(after.open(old, ROW)).isEqualTo(SECRET);
        assertThat(after.isCurrent(old)).isFalse();
        var resealed = after.seal(after.open(old, ROW), ROW);
        assertThat(resealed).startsWith("v1:2026:");
        assertThat(after.isCurrent(resealed)).isTrue();
        // Once the old key is dropped, only values under the new one open.
        var dropped = SecretCipher.parse(ring("2026", newKey));
        assertThat(dropped.open(resealed, ROW)).isEqualTo(SECRET);
        assertThatThrownBy(() -> dropped.open(old, ROW))
                .hasMessageContaining("key '2025' is not configured");
    }

    @Test
    void badKeyRingsAreRefusedWithoutPrintingTheKey() {
        var shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretCipher.parse(ring("k1", shortKey)))
                .isInstanceOf(SecretCipher.InvalidKeyRingException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SecretCipher.parse("k1=not*base64"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> SecretCipher.parse("justakey")).hasMessageContaining("keyId=");
        var key = newKey();
        assertThatThrownBy(() -> SecretCipher.parse(ring("k1", key, "k1", key)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> SecretCipher.parse(" ")).hasMessageContaining("no key");
        assertThatThrownBy(() -> SecretCipher.of(new LinkedHashMap<>()))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> SecretCipher.of(Map.of("bad id!", SecretCipher.randomKey())))
                .hasMessageContaining("key id");
        assertThat(SecretCipher.parse(ring("k1", key)).toString()).doesNotContain(key);
    }

    @Test
    void legacyPlainTextIsRecognisedAsNotSealed() {
        assertThat(SecretCipher.isSealed("Bearer-token-123")).isFalse();
        assertThat(SecretCipher.isSealed("https://hooks.slack.com/services/T0/B0/x")).isFalse();
        assertThat(SecretCipher.isSealed(null)).isFalse();
        assertThat(SecretCipher.keyIdOf("plain")).isNull();
    }
}
