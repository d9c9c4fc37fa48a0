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

        assertThat(first).containsOnlyKeys("INGEST_SECRETS_KEYS", "ALERT_SECRETS_KEYS");
        first.values().forEach(SecretsKeyFileTest::assertRing);
        assertThat(first.get("INGEST_SECRETS_KEYS")).isNotEqualTo(first.get("ALERT_SECRETS_KEYS"));
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(SecretsKeyFile.loadOrCreate(file)).isEqualTo(first);
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
        a.values().forEach(SecretsKeyFileTest::assertRing);
        assertThat(a.get("INGEST_SECRETS_KEYS")).isNotEqualTo(b.get("INGEST_SECRETS_KEYS"));
    }
}
