package org.caresignal.alert.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Erasures;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure on request, end to end through the real broker and database: a counted negative mention
 * that a critical-post incident cites, notified to a channel allowed to carry links and one that is
 * not, is erased by a MentionErased (the golden file's shape); its link and excerpt are gone from
 * every table, the counts stay, the confirmation names the one delivery that carried its link, a
 * replayed MentionScored of it is skipped, and a second copy of the erasure confirms the same.
 */
@QuarkusTest
class ErasureTest {

    private static WireMockServer hooks;

    @Inject AgroalDataSource dataSource;
    @Inject MeterRegistry registry;

    @BeforeAll
    static void start() {
        hooks = new WireMockServer(options().dynamicPort());
        hooks.start();
        hooks.stubFor(post(urlEqualTo("/links")).willReturn(aResponse().withStatus(204)));
        hooks.stubFor(post(urlEqualTo("/plain")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        hooks.stop();
    }

    @Test
    void anErasedMentionLeavesNoLinkOrExcerptAndKeepsItsCount() throws Exception {
        var links = webhook("erasure links", "/links", true);
        var plain = webhook("erasure plain", "/plain", false);
        try {
            var brand = ScoredMentions.uniqueBrand();
            var at = Scenario.T0.plusSeconds(90);
            var scored = ScoredMentions.at(brand, "NEGATIVE", at, Scenario.BREACH);
            var mention = Erasures.parse(scored);
            var mentionId = mention.get("mentionId").asText();
            var url = mention.get("url").asText();
            KafkaTestClient.send(ScoredMentions.TOPIC, brand, scored);
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            Channels.awaitDeliveries(incident, links, Channels.has("RAISED", "DELIVERED"));
            Channels.awaitDeliveries(incident, plain, Channels.has("RAISED", "DELIVERED"));
            assertThat(column("SELECT url FROM counted_mention WHERE mention_id = ?", mentionId))
                    .isEqualTo(url);
            assertThat(
                            column(
                                    "SELECT excerpt FROM counted_mention WHERE mention_id = ?",
                                    mentionId))
                    .isEqualTo(Scenario.BREACH);
            assertThat(payloadsOf(incident)).anyMatch(p -> p.contains(url));
            var totalBefore = stats(brand);
            assertThat(totalBefore).isEqualTo(1);

            var erasureId = UUID.randomUUID();
            var unknown = UUID.randomUUID().toString();
            Erasures.send(erasureId, Erasures.of(erasureId, brand, List.of(mentionId, unknown)));

            var confirmed = Erasures.awaitConfirmations(erasureId, 1).get(0);
            Alerts.assertMatchesGolden(confirmed, "ErasureConfirmed");
            assertThat(confirmed.get("erasureId").asText()).isEqualTo(erasureId.toString());
            assertThat(confirmed.get("service").asText()).isEqualTo("alert-service");
            assertThat(confirmed.get("erased").asInt()).isEqualTo(1);
            var deliveries = confirmed.get("deliveries");
            assertThat(deliveries).hasSize(1);
            var carried = deliveries.get(0);
            assertThat(carried.get("channelId").asText()).isEqualTo(links);
            assertThat(carried.get("channelName").asText()).isEqualTo("erasure links");
            assertThat(carried.get("incidentId").asText()).isEqualTo(incident);
            assertThat(carried.get("sentAt").isTextual()).isTrue();

            // Nothing of the link or the text is left in any table; the mention id stays.
            assertThat(column("SELECT url FROM counted_mention WHERE mention_id = ?", mentionId))
                    .isNull();
            assertThat(
                            column(
                                    "SELECT excerpt FROM counted_mention WHERE mention_id = ?",
                                    mentionId))
                    .isNull();
            assertThat(
                            column(
                                    "SELECT CAST(count(*) AS text) FROM counted_mention_aspect"
                                            + " WHERE mention_id = ?",
                                    mentionId))
                    .isEqualTo("0");
            assertThat(
                            column(
                                    "SELECT CAST(erased_at AS text) FROM erased_mention WHERE"
                                            + " mention_id = ?",
                                    mentionId))
                    .isNotNull();
            assertThat(payloadsOf(incident))
                    .isNotEmpty()
                    .noneMatch(p -> p.contains(url) || p.contains("leaked online"))
                    .allMatch(p -> p.contains(mentionId));
            var sample =
                    Api.asAnalyst()
                            .get("/api/incidents/" + incident)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            assertThat(sample.getString("incident.explanation.samples[0].mentionId"))
                    .isEqualTo(mentionId);
            assertThat(sample.getString("incident.explanation.samples[0].url")).isNull();
            assertThat(sample.getString("incident.explanation.samples[0].excerpt")).isNull();
            assertThat(stats(brand)).isEqualTo(totalBefore);

            // A replayed MentionScored of the erased mention is acknowledged and skipped.
            var skippedBefore = skipped();
            var replay = (com.fasterxml.jackson.databind.node.ObjectNode) mention.deepCopy();
            replay.put("eventId", UUID.randomUUID().toString());
            KafkaTestClient.send(ScoredMentions.TOPIC, brand, replay.toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> skipped() > skippedBefore);
            assertThat(column("SELECT url FROM counted_mention WHERE mention_id = ?", mentionId))
                    .isNull();
            assertThat(stats(brand)).isEqualTo(totalBefore);

            // A second copy changes nothing and confirms again, with the same figures.
            Erasures.send(erasureId, Erasures.of(erasureId, brand, List.of(mentionId, unknown)));
            var again = Erasures.awaitConfirmations(erasureId, 2).get(1);
            assertThat(again.get("eventId")).isNotEqualTo(confirmed.get("eventId"));
            assertThat(again.get("erased")).isEqualTo(confirmed.get("erased"));
            assertThat(again.get("deliveries")).isEqualTo(confirmed.get("deliveries"));
        } finally {
            Channels.delete(links);
            Channels.delete(plain);
        }
    }

    @Test
    void anUnreadableErasureIsDeadLetteredAndTheNextOneIsApplied() {
        var bad = UUID.randomUUID();
        var next = UUID.randomUUID();
        var notAUuid =
                Erasures.of(bad, "some-brand", List.of())
                        .replace("\"mentions\":[]", "\"mentions\":[{\"mentionId\":\"nope\"}]");
        Erasures.send(bad, notAUuid);
        Erasures.send(next, Erasures.of(next, "some-brand", List.of(UUID.randomUUID().toString())));

        var dead =
                KafkaTestClient.readUntil(
                        Erasures.DLQ,
                        r -> bad.toString().equals(r.key()),
                        r -> bad.toString().equals(r.key()));
        assertThat(dead).singleElement().extracting(r -> r.value()).isEqualTo(notAUuid);
        var confirmed = Erasures.awaitConfirmations(next, 1).get(0);
        assertThat(confirmed.get("erased").asInt()).isZero();
        assertThat(confirmed.get("deliveries")).isEmpty();
    }

    private String webhook(String name, String path, boolean allowPostLinks) {
        return Channels.create(
                Map.of(
                        "name", name,
                        "type", "WEBHOOK",
                        "allowPostLinks", allowPostLinks,
                        "includeExcerpt", allowPostLinks,
                        "secrets",
                                Map.of(
                                        "url",
                                        hooks.baseUrl() + path,
                                        "signingKey",
                                        "whsec-erasure-0123456789")));
    }

    private static int stats(String brand) {
        return org.caresignal.alert.support.Stats.get(
                        brand, Scenario.T0.toString(), Scenario.T0.plusSeconds(3600).toString())
                .getInt("totals.total");
    }

    private double skipped() {
        var counter = registry.find("caresignal.mentions.erased.skipped").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> payloadsOf(String incident) throws SQLException {
        var out = new ArrayList<String>();
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement(
                                "SELECT payload FROM delivery WHERE incident_id = CAST(? AS uuid)"
                                        + " UNION ALL SELECT payload FROM alert_outbox WHERE"
                                        + " incident_id = CAST(? AS uuid) UNION ALL SELECT"
                                        + " explanation FROM incident WHERE id = CAST(? AS uuid)")) {
            statement.setString(1, incident);
            statement.setString(2, incident);
            statement.setString(3, incident);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        }
        return out;
    }

    private String column(String sql, String mentionId) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement(sql.replace("= ?", "= CAST(? AS uuid)"))) {
            statement.setString(1, mentionId);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
