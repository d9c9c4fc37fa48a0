package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsKeyFileTest {

    @TempDir Path dir;

    private static void assertRing(String ring) {
        assertThat(ring).startsWith("local1=");
        assertThat(Base64.getDecoder().decode(ring.substring("local1=".length()))).hasSize(32);
    }

    @Test
    void keysAreMadeOnceOwnerOnlyAndTheSameOnTheNextRun() throws Exception {
        var file = dir.resolve("data/secrets.keys");

        var first = SecretsKeyFile.loadOrCreate(file);

        assertThat(first)
                .containsOnlyKeys(
                        "INGEST_SECRETS_KEYS", "ALERT_SECRETS_KEYS", "INGEST_PSEUDONYM_KEY");
        assertRing(first.get("INGEST_SECRETS_KEYS"));
        assertRing(first.get("ALERT_SECRETS_KEYS"));
        assertKey(first.get("INGEST_PSEUDONYM_KEY"));
        assertThat(first.get("INGEST_SECRETS_KEYS")).isNotEqualTo(first.get("ALERT_SECRETS_KEYS"));
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(SecretsKeyFile.loadOrCreate(file)).isEqualTo(first);
    }

    private static void assertKey(String key) {
        // ingest-service takes the string's bytes as the HMAC key and wants at least 16.
        assertThat(key).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    }

    @Test
    void aDataDirectoryFromBeforeGetsAPseudonymKeyOnceAndKeepsItsRings() throws Exception {
        var file = dir.resolve("secrets.keys");
        var ingest = SecretsKeyFile.newRing();
        var alert = SecretsKeyFile.newRing();
        Files.writeString(
                file, "INGEST_SECRETS_KEYS=" + ingest + "\nALERT_SECRETS_KEYS=" + alert + "\n");

        var keys = SecretsKeyFile.loadOrCreate(file);

        assertThat(keys).containsEntry("INGEST_SECRETS_KEYS", ingest);
        assertThat(keys).containsEntry("ALERT_SECRETS_KEYS", alert);
        assertKey(keys.get("INGEST_PSEUDONYM_KEY"));
        assertThat(Files.readString(file)).contains("INGEST_PSEUDONYM_KEY=");
        // The next start (a restart of the local run) hands ingest the same key.
        assertThat(SecretsKeyFile.loadOrCreate(file).get("INGEST_PSEUDONYM_KEY"))
                .isEqualTo(keys.get("INGEST_PSEUDONYM_KEY"));
    }

    @Test
    void aMissingRingIsAddedAndAnEditedOneKept() throws Exception {
        var file = dir.resolve("secrets.keys");
        var rotated = "k2=" + Base64.getEncoder().encodeToString(new byte[32]) + ",local1=abc";
        Files.writeString(file, "# mine\nINGEST_SECRETS_KEYS=" + rotated + "\n");

        var rings = SecretsKeyFile.loadOrCreate(file);

        assertThat(rings.get("INGEST_SECRETS_KEYS")).isEqualTo(rotated);
        assertRing(rings.get("ALERT_SECRETS_KEYS"));
        assertThat(SecretsKeyFile.loadOrCreate(file)).isEqualTo(rings);
    }

    @Test
    void ephemeralRingsDifferEachTime() {
        var a = SecretsKeyFile.ephemeral();
        var b = SecretsKeyFile.ephemeral();
        assertRing(a.get("INGEST_SECRETS_KEYS"));
        assertRing(a.get("ALERT_SECRETS_KEYS"));
        assertKey(a.get("INGEST_PSEUDONYM_KEY"));
        assertThat(a.get("INGEST_SECRETS_KEYS")).isNotEqualTo(b.get("INGEST_SECRETS_KEYS"));
        assertThat(a.get("INGEST_PSEUDONYM_KEY")).isNotEqualTo(b.get("INGEST_PSEUDONYM_KEY"));
    }
}
