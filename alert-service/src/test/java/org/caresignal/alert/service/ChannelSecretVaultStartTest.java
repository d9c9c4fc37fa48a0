package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.alert.domain.SecretCipher;
import org.caresignal.alert.repository.ChannelRepository;
import org.junit.jupiter.api.Test;

/**
 * The start-up pass and the missing-key rules of {@link ChannelSecretVault}, over an in-memory
 * table: production refuses to start without a key while secrets are stored (an e-mail channel has
 * none), plain-text values are sealed, values under an older key re-sealed, names kept.
 */
class ChannelSecretVaultStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** notification_channel.secrets by channel id. */
    private static final class Table extends ChannelRepository {
        final Map<UUID, String> rows = new LinkedHashMap<>();
        final List<UUID> replaced = new ArrayList<>();

        Table() {
            super(null);
        }

        @Override
        public List<StoredSecrets> storedSecrets() {
            return rows.entrySet().stream()
                    .map(e -> new StoredSecrets(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public boolean replaceSecrets(UUID id, String expected, String replacement) {
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

    private static Map<String, String> map(String json) throws Exception {
        return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    }

    @Test
    void productionWithoutAKeyRefusesToStartWhileASecretIsStored() throws Exception {
        var table = new Table();
        table.rows.put(UUID.randomUUID(), "{}");
        var vault = new ChannelSecretVault(table, JSON, Optional.empty(), true);
        // E-mail channels only: nothing to protect, the service starts.
        assertThat(vault.sealAll().channels()).isZero();
        assertThat(vault.seal(UUID.randomUUID(), Map.of())).isEmpty();

        table.rows.put(UUID.randomUUID(), "{\"routingKey\": \"R0UTING-plain\"}");
        assertThatThrownBy(vault::sealAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALERT_SECRETS_KEYS is not set: refusing to start")
                .hasMessageNotContaining("R0UTING-plain");
        assertThatThrownBy(() -> vault.seal(UUID.randomUUID(), Map.of("routingKey", "x")))
                .isInstanceOf(SecretsUnavailableException.class)
                .hasMessageContaining("ALERT_SECRETS_KEYS");
    }

    @Test
    void theStartPassSealsPlainTextAndRotatesOldKeysKeepingTheNames() throws Exception {
        var oldKey = key();
        var table = new Table();
        var before = new ChannelSecretVault(table, JSON, Optional.of("k1=" + oldKey), true);
        var rotated = UUID.randomUUID();
        var plain = UUID.randomUUID();
        table.rows.put(
                rotated,
                JSON.writeValueAsString(
                        before.seal(rotated, Map.of("url", "https://hooks.slack.com/s/T/B/x"))));
        table.rows.put(
                plain,
                JSON.writeValueAsString(
                        Map.of("url", "https://ops.example/hook", "signingKey", "whsec-plain")));

        var after =
                new ChannelSecretVault(
                        table, JSON, Optional.of("k2=" + key() + ",k1=" + oldKey), true);
        var report = after.sealAll();

        assertThat(report).isEqualTo(new ChannelSecretVault.SealReport(2, 2, 1, 0));
        assertThat(table.replaced).containsExactlyInAnyOrder(rotated, plain);
        assertThat(map(table.rows.get(plain))).containsOnlyKeys("url", "signingKey");
        assertThat(table.rows.get(plain))
                .doesNotContain("whsec-plain")
                .doesNotContain("ops.example");
        assertThat(map(table.rows.get(rotated)).get("url")).startsWith("v1:k2:");
        assertThat(after.open(plain, map(table.rows.get(plain))))
                .containsEntry("signingKey", "whsec-plain")
                .containsEntry("url", "https://ops.example/hook");
        assertThat(after.open(rotated, map(table.rows.get(rotated))))
                .containsEntry("url", "https://hooks.slack.com/s/T/B/x");
        // A value moved to another secret name of the same channel does not open.
        var swapped =
                Map.of(
                        "url", map(table.rows.get(plain)).get("signingKey"),
                        "signingKey", map(table.rows.get(plain)).get("url"));
        assertThatThrownBy(() -> after.open(plain, swapped))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageNotContaining("whsec-plain");

        table.replaced.clear();
        assertThat(after.sealAll()).isEqualTo(new ChannelSecretVault.SealReport(2, 0, 0, 0));
        assertThat(table.replaced).isEmpty();
    }
}
