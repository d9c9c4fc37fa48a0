package org.caresignal.alert.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channel secrets at rest: what the API writes is sealed value by value in {@code
 * notification_channel.secrets} (read back with SQL), a webhook still gets the right URL and
 * signature, a plain-text row of an older version is sealed by the start-up pass and still
 * delivers, and secrets copied to another channel are refused there.
 */
@QuarkusTest
class ChannelSecretVaultTest extends TestStack {

    private static WireMockServer receiver;

    @Inject ChannelSecretVault vault;
    @Inject DataSource db;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hooks/sealed")).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(urlEqualTo("/hooks/legacy")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    private String stored(String channel) throws SQLException {
        try (var c = db.getConnection();
                var s =
                        c.prepareStatement(
                                "SELECT CAST(secrets AS text) FROM notification_channel WHERE id"
                                        + " = ?")) {
            s.setObject(1, UUID.fromString(channel));
            try (var r = s.executeQuery()) {
                assertThat(r.next()).as("row of " + channel).isTrue();
                return r.getString(1);
            }
        }
    }

    private void execute(String sql, Object... args) throws SQLException {
        try (var c = db.getConnection();
                var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static String hmac(String key, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256="
                + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> webhook(String name, String path, String signingKey) {
        return Map.of(
                "name",
                name,
                "type",
                "WEBHOOK",
                "secrets",
                Map.of("url", receiver.baseUrl() + path, "signingKey", signingKey));
    }

    @Test
    void secretsAreSealedInTheDatabaseAndLegacyRowsSealedAtStartBothStillDeliver()
            throws Exception {
        // Written through the API, then one secret replaced.
        var firstKey = "whsec-first-" + UUID.randomUUID();
        var sealedChannel = Channels.create(webhook("sealed hook", "/hooks/sealed", firstKey));
        var created = stored(sealedChannel);
        assertThat(created)
                .contains("\"url\"", "\"signingKey\"", "v1:test:")
                .doesNotContain(firstKey)
                .doesNotContain("/hooks/sealed")
                .doesNotContain(receiver.baseUrl());
        var newKey = "whsec-second-" + UUID.randomUUID();
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("secrets", Map.of("signingKey", newKey)))
                .put("/api/channels/" + sealedChannel)
                .then()
                .statusCode(200)
                .body("secretsSet", containsInAnyOrder("signingKey", "url"))
                .body(not(containsString(newKey)))
                .body(not(containsString("v1:test:")));
        var updated = stored(sealedChannel);
        assertThat(updated).doesNotContain(newKey).doesNotContain("/hooks/sealed");
        assertThat(updated).isNotEqualTo(created);

        // A row as an older version wrote it: values in plain text.
        var legacyChannel = UUID.randomUUID();
        var legacyKey = "whsec-legacy-" + UUID.randomUUID();
        var legacyJson =
                Channels.mapper()
                        .writeValueAsString(
                                Map.of(
                                        "url",
                                        receiver.baseUrl() + "/hooks/legacy",
                                        "signingKey",
                                        legacyKey));
        var now = Timestamp.from(Instant.now());
        execute(
                "INSERT INTO notification_channel (id, name, type, enabled, endpoint, secrets,"
                        + " created_at, updated_at) VALUES (?, 'legacy hook', 'WEBHOOK', true,"
                        + " NULL, CAST(? AS jsonb), ?, ?)",
                legacyChannel,
                legacyJson,
                now,
                now);
        assertThat(stored(legacyChannel.toString())).contains(legacyKey);

        try {
            var report = vault.sealStoredSecrets();
            assertThat(report.sealed()).isGreaterThanOrEqualTo(2);
            var legacySealed = stored(legacyChannel.toString());
            assertThat(legacySealed)
                    .contains("v1:test:")
                    .doesNotContain(legacyKey)
                    .doesNotContain("/hooks/legacy");
            // The next start changes nothing.
            var again = vault.sealStoredSecrets();
            assertThat(again.sealed()).isZero();
            assertThat(again.resealed()).isZero();
            assertThat(stored(legacyChannel.toString())).isEqualTo(legacySealed);
            assertThat(stored(sealedChannel)).isEqualTo(updated);

            // Both deliver with their secrets in clear.
            var brand = ScoredMentions.uniqueBrand();
            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            Channels.awaitDeliveries(incident, sealedChannel, Channels.has("RAISED", "DELIVERED"));
            Channels.awaitDeliveries(
                    incident, legacyChannel.toString(), Channels.has("RAISED", "DELIVERED"));
            for (var request : receiver.findAll(postRequestedFor(urlEqualTo("/hooks/sealed")))) {
                assertThat(request.getHeader("X-CareSignal-Signature"))
                        .isEqualTo(hmac(newKey, request.getBodyAsString()));
            }
            var legacyRequests = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/legacy")));
            assertThat(legacyRequests).isNotEmpty();
            for (var request : legacyRequests) {
                assertThat(request.getHeader("X-CareSignal-Signature"))
                        .isEqualTo(hmac(legacyKey, request.getBodyAsString()));
            }
        } finally {
            Channels.delete(sealedChannel);
            Channels.delete(legacyChannel.toString());
        }
    }

    @Test
    void secretsCopiedToAnotherChannelAreRefusedThereUntilSentAgain() throws Exception {
        var ownerKey = "whsec-owner-" + UUID.randomUUID();
        var owner = Channels.create(webhook("owner hook", "/hooks/owner", ownerKey));
        var thief = Channels.create(webhook("thief hook", "/hooks/thief", "whsec-thief-1234"));
        try {
            execute(
                    "UPDATE notification_channel SET secrets = CAST(? AS jsonb) WHERE id = ?",
                    stored(owner),
                    UUID.fromString(thief));

            // Names are still listed; merging a kept secret fails with a clear problem.
            Api.asAdmin()
                    .get("/api/channels/" + thief)
                    .then()
                    .statusCode(200)
                    .body("secretsSet", containsInAnyOrder("signingKey", "url"));
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("secrets", Map.of("signingKey", "whsec-thief-5678")))
                    .put("/api/channels/" + thief)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("authentication failed"))
                    .body("detail", containsString("notification_channel.secrets.url:" + thief))
                    .body(not(containsString(ownerKey)));
            // Sending every secret again replaces the unreadable ones.
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(
                            Map.of(
                                    "secrets",
                                    Map.of(
                                            "url",
                                            receiver.baseUrl() + "/hooks/thief",
                                            "signingKey",
                                            "whsec-thief-5678")))
                    .put("/api/channels/" + thief)
                    .then()
                    .statusCode(200);
            assertThat(
                            vault.open(
                                    UUID.fromString(thief),
                                    Channels.mapper().readValue(stored(thief), Map.class)))
                    .containsEntry("signingKey", "whsec-thief-5678");
        } finally {
            Channels.delete(owner);
            Channels.delete(thief);
        }
    }
}
