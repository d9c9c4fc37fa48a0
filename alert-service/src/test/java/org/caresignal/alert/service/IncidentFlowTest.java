package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/** Mentions through the real broker to incidents in the database and events on alerts.v1. */
@QuarkusTest
class IncidentFlowTest {

    @Test
    void aSpikePagesOnceExplainsItselfFoldsRepeatsAndResolvesWhenItPasses() {
        var brand = ScoredMentions.uniqueBrand();

        Scenario.spike(brand);

        var open = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(open.getString("[0].kind")).isEqualTo("SPIKE");
        assertThat(open.getString("[0].status")).isEqualTo("OPEN");
        assertThat(open.getString("[0].severity")).isEqualTo("HIGH");
        assertThat(open.getString("[0].facilityId")).isNull();
        assertThat(open.getList("[0].explanation.triggers", String.class))
                .contains("NEGATIVE_VOLUME");
        assertThat(open.getLong("[0].explanation.counts.negative")).isGreaterThanOrEqualTo(6);
        assertThat(open.getDouble("[0].explanation.effectSize")).isGreaterThan(2.0);
        assertThat(open.getDouble("[0].explanation.pValue")).isLessThan(1e-6);
        assertThat(open.getList("[0].explanation.samples")).isNotEmpty();
        assertThat(open.getString("[0].explanation.summary")).contains("against", "fires below");
        // Twelve negatives in a bucket after a quiet day is a steep rise: paged on its first
        // bucket.
        assertThat(open.getString("[0].explanation.window.end"))
                .isEqualTo(Scenario.SPIKE.plusSeconds(300).toString());
        var id = open.getString("[0].id");

        var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised"));
        var event = raised.get(raised.size() - 1);
        Alerts.assertMatchesGolden(event, "AlertRaised");
        assertThat(event.get("incidentId").asText()).isEqualTo(id);
        assertThat(event.get("dashboardUrl").asText()).endsWith("/incidents/" + id);
        assertThat(event.get("samples").get(0).get("url").asText()).startsWith("https://");

        Scenario.moreOfTheSame(brand);
        Scenario.calmLater(brand);

        var resolved =
                Scenario.awaitIncidents(brand, j -> "RESOLVED".equals(j.getString("[0].status")));
        assertThat(resolved.getList("$")).hasSize(1);
        assertThat(resolved.getString("[0].id")).isEqualTo(id);
        assertThat(resolved.getString("[0].resolvedBy")).isEqualTo("system:detector");

        var events = Alerts.readUntil(brand, Alerts.ofType("AlertResolved"));
        assertThat(events.stream().filter(Alerts.ofType("AlertRaised"))).hasSize(1);
        Alerts.assertMatchesGolden(events.get(events.size() - 1), "AlertResolved");

        var detail =
                Api.asViewer()
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(detail.getList("audit.action", String.class)).first().isEqualTo("RAISED");
        assertThat(detail.getList("audit.action", String.class)).last().isEqualTo("RESOLVED");
        assertThat(detail.getList("audit.actor", String.class)).containsOnly("system:detector");
    }

    @Test
    void aSpikeAtOneFacilityOpensIncidentsForTheFacilityAndTheBrand() {
        var brand = ScoredMentions.uniqueBrand();

        Scenario.spikeAt(brand, "north-wing");

        var open = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 2);
        assertThat(open.getList("facilityId")).containsExactlyInAnyOrder(null, "north-wing");
        assertThat(open.getList("kind", String.class)).containsOnly("SPIKE");
        Api.asViewer().queryParam("brand", brand).get("/api/incidents").then().statusCode(200);
        var events =
                Alerts.readUntil(brand, e -> "north-wing".equals(e.path("facilityId").asText()));
        Alerts.assertMatchesGolden(events.get(events.size() - 1), "AlertRaised");
    }

    @Test
    void aCriticalPostRaisesACriticalIncidentAtOnceAndARepeatFoldsIntoIt() {
        var brand = ScoredMentions.uniqueBrand();

        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));

        var raised = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        assertThat(raised.getString("[0].kind")).isEqualTo("CRITICAL_POST");
        assertThat(raised.getString("[0].severity")).isEqualTo("CRITICAL");
        assertThat(raised.getList("[0].explanation.triggers", String.class))
                .containsExactly("CRITICAL_POST:data-breach");
        assertThat(raised.getString("[0].explanation.summary")).contains("data-breach");

        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(90));

        var folded = Scenario.awaitIncidents(brand, j -> j.getInt("[0].updates") == 1);
        assertThat(folded.getList("$")).hasSize(1);
        var events = Alerts.readUntil(brand, Alerts.ofType("AlertUpdated"));
        assertThat(events.stream().map(e -> e.get("eventType").asText()).toList())
                .isEqualTo(List.of("AlertRaised", "AlertUpdated"));
        Alerts.assertMatchesGolden(events.get(0), "AlertRaised");
        Alerts.assertMatchesGolden(events.get(1), "AlertUpdated");
        assertThat(events.get(1).get("change").asText()).isEqualTo("FOLDED");
        assertThat(events.get(1).get("pValue").isNull()).isTrue();
    }

    @Test
    void theSameCriticalPostDeliveredTwiceRaisesOnce() {
        var brand = ScoredMentions.uniqueBrand();
        var post =
                ScoredMentions.at(brand, "NEGATIVE", Scenario.T0.plusSeconds(30), Scenario.BREACH);
        var calm = ScoredMentions.at(brand, "NEUTRAL", Scenario.T0.plusSeconds(40), Scenario.CALM);

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, post, post, calm);

        // The calm mention comes last on the brand's partition: once it is counted, both copies
        // of the post have been processed.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Api.asViewer()
                                                .get("/api/brands/" + brand + "/stats" + FIRST_DAY)
                                                .jsonPath()
                                                .getInt("totals.total")
                                        == 2);
        var incidents = Scenario.incidents(brand);
        assertThat(incidents.getList("$")).hasSize(1);
        assertThat(incidents.getInt("[0].updates")).isZero();
        var events = Alerts.readUntil(brand, Alerts.ofType("AlertRaised"));
        assertThat(events).hasSize(1);
    }

    private static final String FIRST_DAY = "?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z";
}
