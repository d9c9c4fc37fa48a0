package org.caresignal.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.List;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.Erasures;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.junit.jupiter.api.Test;

@QuarkusIntegrationTest
class AlertFlowIT {

    @Test
    void thePackagedServiceCountsScoredMentionsFromTheRealBrokerOnce() {
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.json(ScoredMentions.goldenFor(brand));
        var neutral = ScoredMentions.withLabel(brand, "NEUTRAL");

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, event, event, neutral);

        var stats = Stats.awaitGoldenDay(brand, s -> s.getInt("totals.neutral") == 1);
        assertThat(stats.getInt("totals.total")).isEqualTo(2);
        assertThat(stats.getInt("totals.negative")).isEqualTo(1);
        assertThat(stats.getList("buckets.start"))
                .isEqualTo(List.of(ScoredMentions.GOLDEN_BUCKET.toString()));
    }

    @Test
    void thePackagedServiceRaisesACriticalPostIncidentAndPublishesAlertRaised() {
        var brand = ScoredMentions.uniqueBrand();

        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));

        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(incidents.getString("[0].severity")).isEqualTo("CRITICAL");
        var events = Alerts.readUntil(brand, Alerts.ofType("AlertRaised"));
        assertThat(events).hasSize(1);
        Alerts.assertMatchesGolden(events.get(0), "AlertRaised");
        assertThat(events.get(0).get("incidentId").asText())
                .isEqualTo(incidents.getString("[0].id"));

        // The alert's dashboard link opens the packaged dashboard's incident page, after signing
        // in through the provider (the code flow), and only then.
        var link = java.net.URI.create(events.get(0).get("dashboardUrl").asText());
        var anonymous =
                io.restassured.RestAssured.given().redirects().follow(false).get(link.getRawPath());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        var session = DashboardLogin.as("ivy.it", "viewer");
        var page = session.given().get(link.getRawPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains(">ivy.it</strong>");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("data-incident=\"" + incidents.getString("[0].id"));
    }

    @Test
    void thePackagedServiceDeadLettersAPoisonRecordAndKeepsGoing() {
        var brand = ScoredMentions.uniqueBrand();
        var malformed = "not json for " + brand;

        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                malformed,
                ScoredMentions.json(ScoredMentions.goldenFor(brand)));

        var dead =
                KafkaTestClient.readUntil(
                        ScoredMentions.DLQ,
                        r -> brand.equals(r.key()),
                        r -> malformed.equals(r.value()));
        assertThat(dead).hasSize(1);
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
    }

    @Test
    void thePackagedServiceAppliesAnErasureConfirmsItAndDeadLettersAnUnreadableOne() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(40));
        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var id = incidents.getString("[0].id");
        var detail = org.caresignal.alert.support.Api.asAnalyst().get("/api/incidents/" + id);
        var mentionId = detail.jsonPath().getString("incident.explanation.samples[0].mentionId");
        assertThat(detail.jsonPath().getString("incident.explanation.samples[0].url"))
                .startsWith("https://social.example/@someone/");

        var unreadable = java.util.UUID.randomUUID();
        Erasures.send(unreadable, "not json for " + unreadable);
        var erasureId = java.util.UUID.randomUUID();
        Erasures.send(erasureId, Erasures.of(erasureId, brand, List.of(mentionId)));

        var confirmed = Erasures.awaitConfirmations(erasureId, 1).get(0);
        Alerts.assertMatchesGolden(confirmed, "ErasureConfirmed");
        assertThat(confirmed.get("erased").asInt()).isEqualTo(1);
        var after = org.caresignal.alert.support.Api.asAnalyst().get("/api/incidents/" + id);
        assertThat(after.jsonPath().getString("incident.explanation.samples[0].mentionId"))
                .isEqualTo(mentionId);
        assertThat(after.jsonPath().getString("incident.explanation.samples[0].url")).isNull();
        var dead =
                KafkaTestClient.readUntil(
                        Erasures.DLQ,
                        r -> unreadable.toString().equals(r.key()),
                        r -> unreadable.toString().equals(r.key()));
        assertThat(dead).hasSize(1);
    }
}
