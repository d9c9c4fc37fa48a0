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
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.domain.privacy.DataClass;
import org.caresignal.alert.service.RetentionPurge;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.MovableClock;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention with a moved clock, through the real database: once the text retention has passed, no
 * sample link or excerpt is left in any table (counted mentions, explanations, delivery and outbox
 * payloads) while the stats and a backtest over the same period answer exactly as before; once the
 * mention retention has passed, the counted-mention rows are gone and the numbers still stand.
 * Audit rows go only when six years old.
 */
@QuarkusTest
class RetentionTest {

    private static final String FROM = Scenario.T0.toString();
    private static final String TO = Scenario.T0.plus(Duration.ofDays(2)).toString();

    private static WireMockServer hook;

    @Inject MovableClock clock;
    @Inject RetentionPurge purge;
    @Inject AgroalDataSource dataSource;
    @Inject MeterRegistry registry;

    @BeforeAll
    static void start() {
        hook = new WireMockServer(options().dynamicPort());
        hook.start();
        hook.stubFor(post(urlEqualTo("/retention")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        hook.stop();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void textGoesAtTextAgeMentionsAtMentionAgeAndTheNumbersStay() throws Exception {
        var channel =
                Channels.create(
                        Map.of(
                                "name",
                                "retention hook",
                                "type",
                                "WEBHOOK",
                                "allowPostLinks",
                                true,
                                "includeExcerpt",
                                true,
                                "secrets",
                                Map.of(
                                        "url",
                                        hook.baseUrl() + "/retention",
                                        "signingKey",
                                        "whsec-retention-0123456789")));
        try {
            var brand = ScoredMentions.uniqueBrand();
            Scenario.spike(brand);
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "DELIVERED"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count("alert_outbox WHERE published_at IS NULL") == 0);
            assertThat(texts(brand, incident)).anyMatch(t -> t.contains("social.example"));
            assertThat(texts(brand, incident)).anyMatch(t -> t.contains("nobody told us"));
            var stats = Stats.get(brand, FROM, TO).prettify();
            var backtest = backtest(brand);
            var textPurgedBefore = purged(DataClass.TEXT);

            // 91 days on: the text retention (90 days) has passed.
            clock.advance(Duration.ofDays(91));
            purge.purge();

            assertThat(texts(brand, incident))
                    .isNotEmpty()
                    .noneMatch(t -> t.contains("social.example"))
                    .noneMatch(t -> t.contains("nobody told us"));
            assertThat(count("counted_mention WHERE brand_id = '" + brand + "'")).isEqualTo(34);
            assertThat(
                            count(
                                    "counted_mention WHERE brand_id = '"
                                            + brand
                                            + "' AND text_purged_at IS NULL"))
                    .isZero();
            assertThat(purged(DataClass.TEXT)).isGreaterThan(textPurgedBefore);
            assertThat(Stats.get(brand, FROM, TO).prettify()).isEqualTo(stats);
            assertThat(backtest(brand)).isEqualTo(backtest);
            var detail =
                    Api.asAnalyst()
                            .get("/api/incidents/" + incident)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            assertThat(detail.getList("incident.explanation.samples.url")).containsOnlyNulls();
            assertThat(detail.getList("incident.explanation.samples.mentionId")).isNotEmpty();

            // 731 days on: the counted-mention rows are gone, the bucket counts are not.
            clock.advance(Duration.ofDays(640));
            purge.purge();
            assertThat(count("counted_mention WHERE brand_id = '" + brand + "'")).isZero();
            assertThat(Stats.get(brand, FROM, TO).prettify()).isEqualTo(stats);
            assertThat(backtest(brand)).isEqualTo(backtest);
            assertThat(
                            registry.find("caresignal.retention.oldest.seconds")
                                    .tag("data_class", "MENTIONS")
                                    .gauge())
                    .isNotNull();
        } finally {
            Channels.delete(channel);
        }
    }

    @Test
    void auditRowsGoOnlyOnceSixYearsOld() throws Exception {
        var old = "retention-old-" + System.nanoTime();
        var young = "retention-young-" + System.nanoTime();
        execute(
                "INSERT INTO audit_event (occurred_at, subject, username, action) VALUES"
                        + " (now() - interval '7 years', 's', '"
                        + old
                        + "', 'test.old'), (now() - interval '5 years', 's', '"
                        + young
                        + "', 'test.young')");

        purge.purge();

        assertThat(count("audit_event WHERE username = '" + old + "'")).isZero();
        assertThat(count("audit_event WHERE username = '" + young + "'")).isEqualTo(1);
        // The database itself refuses to delete the younger one.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> execute("DELETE FROM audit_event WHERE username = '" + young + "'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
    }

    private static String backtest(String brand) {
        return Api.asAnalyst()
                .contentType(ContentType.JSON)
                .body(
                        "{\"brandId\": \""
                                + brand
                                + "\", \"from\": \""
                                + FROM
                                + "\", \"to\": \""
                                + TO
                                + "\"}")
                .post("/api/backtest")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private double purged(DataClass dataClass) {
        return registry.find("caresignal.retention.purged")
                .tag("data_class", dataClass.name())
                .counter()
                .count();
    }

    /** Every stored text of the brand's mentions and incident: links, excerpts, payloads. */
    private List<String> texts(String brand, String incident) throws SQLException {
        var out = new ArrayList<String>();
        query(
                "SELECT coalesce(url, '') || ' ' || coalesce(excerpt, '') FROM counted_mention"
                        + " WHERE brand_id = '"
                        + brand
                        + "' UNION ALL SELECT explanation FROM incident WHERE id = '"
                        + incident
                        + "' UNION ALL SELECT payload FROM delivery WHERE incident_id = '"
                        + incident
                        + "' UNION ALL SELECT payload FROM alert_outbox WHERE incident_id = '"
                        + incident
                        + "'",
                out);
        return out;
    }

    private long count(String from) throws SQLException {
        var out = new ArrayList<String>();
        query("SELECT CAST(count(*) AS text) FROM " + from, out);
        return Long.parseLong(out.get(0));
    }

    private void query(String sql, List<String> out) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
