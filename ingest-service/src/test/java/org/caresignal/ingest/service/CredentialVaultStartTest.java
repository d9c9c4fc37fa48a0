package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caresignal.ingest.domain.SecretCipher;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.SourceFailure;
import org.junit.jupiter.api.Test;

/**
 * The start-up pass and the missing-key rules of {@link CredentialVault}, over an in-memory table:
 * production refuses to start without a key while credentials are stored, plain text is sealed,
 * values under an older key are re-sealed with the current one, unreadable ones are counted.
 */
class CredentialVaultStartTest {

    /** source_connector.credential by connector id. */
    private static final class Table extends SourceConnectorRepository {
        final Map<String, String> rows = new LinkedHashMap<>();
        final List<String> replaced = new ArrayList<>();

        @Override
        public List<StoredCredential> storedCredentials() {
            return rows.entrySet().stream()
                    .map(e -> new StoredCredential(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public boolean replaceCredential(String id, String expected, String replacement) {
            if (!expected.equals(rows.get(id))) {
                return false;
            }
            rows.put(id, replacement);
            replaced.add(id);
            return true;
        }
    }

    private static String key() {
        return Base64.getEncoder().encodeToString(SecretCipher.randomKey());
    }

    private static SourceConnector connector(String id, String stored) {
        var c = new SourceConnector();
        c.id = id;
        c.storedCredential = stored;
        return c;
    }

    @Test
    void productionWithoutAKeyRefusesToStartWhileACredentialIsStored() {
        var table = new Table();
        table.rows.put("x-mercy", "AAAA-plain-bearer-token");
        var vault = new CredentialVault(table, Optional.empty(), true);

        assertThatThrownBy(vault::sealAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INGEST_SECRETS_KEYS is not set: refusing to start")
                .hasMessageNotContaining("AAAA-plain-bearer-token");
        assertThat(table.rows).containsEntry("x-mercy", "AAAA-plain-bearer-token");
    }

    @Test
    void productionWithoutAKeyStartsEmptyButRefusesToStoreACredential() {
        var vault = new CredentialVault(new Table(), Optional.empty(), true);

        assertThat(vault.sealAll().stored()).isZero();
        assertThatThrownBy(() -> vault.seal("x-mercy", "token"))
                .isInstanceOf(SecretsUnavailableException.class)
                .hasMessageContaining("INGEST_SECRETS_KEYS");
        assertThatThrownBy(() -> vault.credential(connector("x-mercy", "v1:k1:AAAAAAAAAAAA")))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("INGEST_SECRETS_KEYS is not set");
    }

    @Test
    void developmentWithoutAKeyUsesAKeyOfItsOwn() {
        var vault = new CredentialVault(new Table(), Optional.empty(), false);

        var sealed = vault.seal("x-mercy", "token");

        assertThat(sealed).startsWith("v1:runtime:");
        assertThat(vault.credential(connector("x-mercy", sealed))).isEqualTo("token");
    }

    @Test
    void anUnusableKeyRingStopsTheStartWithoutPrintingIt() {
        var shortKey = Base64.getEncoder().encodeToString(new byte[8]);
        assertThatThrownBy(
                        () -> new CredentialVault(new Table(), Optional.of("k1=" + shortKey), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INGEST_SECRETS_KEYS is unusable")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void theStartPassSealsPlainTextAndRotatesOldKeysAndIsIdempotent() {
        var oldKey = key();
        var table = new Table();
        var before = new CredentialVault(table, Optional.of("k1=" + oldKey), true);
        table.rows.put("x-old", before.seal("x-old", "old-token"));
        table.rows.put("x-plain", "plain-token");
        table.rows.put("x-lost", "v1:gone:" + Base64.getEncoder().encodeToString(new byte[40]));

        var after = new CredentialVault(table, Optional.of("k2=" + key() + ",k1=" + oldKey), true);
        var report = after.sealAll();

        assertThat(report).isEqualTo(new CredentialVault.SealReport(3, 1, 1, 1));
        assertThat(table.replaced).containsExactlyInAnyOrder("x-old", "x-plain");
        assertThat(table.rows.get("x-old")).startsWith("v1:k2:");
        assertThat(table.rows.get("x-plain")).startsWith("v1:k2:").doesNotContain("plain-token");
        assertThat(after.credential(connector("x-old", table.rows.get("x-old"))))
                .isEqualTo("old-token");
        assertThat(after.credential(connector("x-plain", table.rows.get("x-plain"))))
                .isEqualTo("plain-token");
        assertThatThrownBy(() -> after.credential(connector("x-lost", table.rows.get("x-lost"))))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("key 'gone' is not configured");

        table.replaced.clear();
        assertThat(after.sealAll()).isEqualTo(new CredentialVault.SealReport(3, 0, 0, 1));
        assertThat(table.replaced).isEmpty();
    }
}
