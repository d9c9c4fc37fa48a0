package org.caresignal.alert.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Routes;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing, quiet hours and escalation through real deliveries to WireMock receivers. */
@QuarkusTest
class RoutingFlowTest {

    private static WireMockServer receiver;

    @Inject EscalationTicker escalation;

    private String comms;
    private String pager;
    private String lead;
    private final List<String> routes = new ArrayList<>();

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(
                post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void channels() {
        comms = Routes.webhook("comms", receiver.baseUrl() + "/hooks/comms");
        pager = Routes.webhook("pager", receiver.baseUrl() + "/hooks/pager");
        lead = Routes.webhook("comms lead", receiver.baseUrl() + "/hooks/lead");
    }

    @AfterEach
    void cleanup() {
        routes.forEach(Routes::delete);
        routes.clear();
        Channels.delete(comms);
        Channels.delete(pager);
        Channels.delete(lead);
    }

    private String route(Map<String, Object> body) {
        var id = Routes.create(body);
        routes.add(id);
        return id;
    }

    private static String incidentOf(String brand) {
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }

    private static List<String> deliveredTo(String incident, String channel) {
        return Api.asResponder()
                .queryParam("incident", incident)
                .queryParam("channel", channel)
                .get("/api/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("change", String.class);
    }

    private static List<String> bodiesTo(String path, String incident) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> r.getBodyAsString())
                .filter(b -> b.contains(incident))
                .toList();
    }

    @Test
    void aMatchingRouteSendsToItsChannelsOnlyAndContinueAddsTheNext() {
        var brand = ScoredMentions.uniqueBrand();
        route(
                Map.of(
                        "name",
                        "critical to the pager",
                        "position",
                        1,
                        "brandId",
                        brand,
                        "minSeverity",
                        "CRITICAL",
                        "channelIds",
                        List.of(pager),
                        "continue",
                        true));
        route(
                Map.of(
                        "name",
                        "brand to comms",
                        "position",
                        2,
                        "brandId",
                        brand,
                        "channelIds",
                        List.of(comms)));
        route(
                Map.of(
                        "name",
                        "never reached",
                        "position",
                        3,
                        "brandId",
                        brand,
                        "channelIds",
                        List.of(lead)));

        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incident = incidentOf(brand);
        Channels.awaitDeliveries(incident, pager, Channels.has("RAISED", "DELIVERED"));
        Channels.awaitDeliveries(incident, comms, Channels.has("RAISED", "DELIVERED"));
        assertThat(deliveredTo(incident, lead)).isEmpty();
        assertThat(bodiesTo("/hooks/pager", incident)).hasSize(1);
        assertThat(bodiesTo("/hooks/comms", incident)).hasSize(1);
        assertThat(bodiesTo("/hooks/lead", incident)).isEmpty();
    }

    @Test
    void quietHoursHoldASpikeUntilTheyEndWhileACriticalPostGoesThrough() {
        var brand = ScoredMentions.uniqueBrand();
        var zone = ZoneId.of("America/New_York");
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var end = now.plusSeconds(15);
        var local = LocalTime.ofInstant(end, zone);
        route(
                Map.of(
                        "name",
                        "nights at riverside",
                        "brandId",
                        brand,
                        "channelIds",
                        List.of(comms),
                        "quietHours",
                        Map.of(
                                "days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                                "start",
                                        LocalTime.ofInstant(now.minusSeconds(3600), zone)
                                                .toString(),
                                "end", local.toString(),
                                "zone", zone.getId(),
                                "override", "CRITICAL")));

        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        Scenario.spike(brand);
        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 2);
        var critical = incidents.getString("find { it.kind == 'CRITICAL_POST' }.id");
        var spike = incidents.getString("find { it.kind == 'SPIKE' }.id");
        assertThat(incidents.getString("find { it.kind == 'SPIKE' }.severity"))
                .isNotEqualTo("CRITICAL");

        Channels.awaitDeliveries(critical, comms, Channels.has("RAISED", "DELIVERED"));
        var held = Channels.awaitDeliveries(spike, comms, j -> j.getList("$").size() == 1);
        assertThat(Instant.now()).isBefore(end);
        assertThat(held.getString("[0].status")).isEqualTo("HELD");
        assertThat(Instant.parse(held.getString("[0].heldUntil"))).isEqualTo(end);
        assertThat(held.getString("[0].heldZone")).isEqualTo("America/New_York");
        assertThat(held.getString("[0].lastError"))
                .startsWith("held for the quiet hours of route 'nights at riverside' until");
        assertThat(Instant.parse(held.getString("[0].nextAttemptAt"))).isEqualTo(end);
        assertThat(bodiesTo("/hooks/comms", spike)).isEmpty();

        Channels.awaitDeliveries(spike, comms, Channels.has("RAISED", "DELIVERED"));
        var sent =
                receiver.findAll(postRequestedFor(urlEqualTo("/hooks/comms"))).stream()
                        .filter(r -> r.getBodyAsString().contains(spike))
                        .toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getLoggedDate().toInstant()).isAfterOrEqualTo(end);
    }

    @Test
    void anUnacknowledgedIncidentEscalatesStepByStepOnce() {
        var brand = ScoredMentions.uniqueBrand();
        route(
                Map.of(
                        "name",
                        "escalating",
                        "brandId",
                        brand,
                        "channelIds",
                        List.of(comms),
                        "escalation",
                        List.of(
                                Map.of("after", "PT2S", "channelIds", List.of(pager)),
                                Map.of("after", "PT4S", "channelIds", List.of(lead)))));
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incident = incidentOf(brand);
        Channels.awaitDeliveries(incident, comms, Channels.has("RAISED", "DELIVERED"));
        Channels.awaitDeliveries(incident, pager, Channels.has("ESCALATED", "DELIVERED"));
        Channels.awaitDeliveries(incident, lead, Channels.has("ESCALATED", "DELIVERED"));
        // The steps went to their targets only, once each.
        assertThat(deliveredTo(incident, comms)).containsExactly("RAISED");
        assertThat(deliveredTo(incident, pager)).containsExactly("ESCALATED");
        assertThat(deliveredTo(incident, lead)).containsExactly("ESCALATED");
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofHours(1)))).isZero();

        var trail =
                Api.asViewer()
                        .get("/api/incidents/" + incident)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(trail.getList("audit.findAll { it.action == 'ESCALATED' }.actor", String.class))
                .containsExactly("system:escalation", "system:escalation");
        assertThat(trail.getString("audit.find { it.action == 'ESCALATED' }.detail"))
                .contains("escalation step 1 of 2");
        var updates =
                Alerts.readUntil(
                        brand,
                        e ->
                                "ESCALATED".equals(e.path("change").asText())
                                        && e.path("updates").asInt() >= 2);
        var escalated =
                updates.stream()
                        .filter(e -> "ESCALATED".equals(e.path("change").asText()))
                        .toList();
        assertThat(escalated).hasSize(2);
        escalated.forEach(
                e -> {
                    assertThat(e.path("eventType").asText()).isEqualTo("AlertUpdated");
                    assertThat(e.path("actor").asText()).isEqualTo("system:escalation");
                    Alerts.assertMatchesGolden(e, "AlertUpdated");
                });
        var pagerBody = Channels.json(bodiesTo("/hooks/pager", incident).get(0));
        assertThat(pagerBody.path("change").asText()).isEqualTo("ESCALATED");
    }

    @Test
    void acknowledgingStopsTheEscalation() {
        var brand = ScoredMentions.uniqueBrand();
        route(
                Map.of(
                        "name",
                        "escalating later",
                        "brandId",
                        brand,
                        "channelIds",
                        List.of(comms),
                        "escalation",
                        List.of(Map.of("after", "PT3S", "channelIds", List.of(pager)))));
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incident = incidentOf(brand);
        Channels.act("alex@riverside.example", incident, "acknowledge", "{}");
        Channels.awaitDeliveries(incident, comms, Channels.has("ACKNOWLEDGED", "DELIVERED"));
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofMinutes(5)))).isZero();
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> deliveredTo(incident, pager).isEmpty());
        assertThat(bodiesTo("/hooks/pager", incident)).isEmpty();
    }

    @Test
    void concurrentTicksTakeEachStepOnce() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        route(
                Map.of(
                        "name",
                        "escalating in an hour",
                        "brandId",
                        brand,
                        "channelIds",
                        List.of(comms),
                        "escalation",
                        List.of(
                                Map.of("after", "PT1H", "channelIds", List.of(pager)),
                                Map.of("after", "PT2H", "channelIds", List.of(lead)))));
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incident = incidentOf(brand);
        // Two "instances" ticking at once, three hours later: the row lock and the persisted step
        // let only one of them take each step.
        var later = Instant.now().plus(Duration.ofHours(3));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var ticks = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                ticks.add(pool.submit(() -> escalation.escalate(later)));
            }
            int taken = 0;
            for (var tick : ticks) {
                taken += tick.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(taken).isEqualTo(2);
        } finally {
            pool.shutdown();
        }
        var trail =
                Api.asViewer()
                        .get("/api/incidents/" + incident)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(trail.getList("audit.findAll { it.action == 'ESCALATED' }.detail", String.class))
                .hasSize(2)
                .anySatisfy(d -> assertThat(d).contains("step 1 of 2"))
                .anySatisfy(d -> assertThat(d).contains("step 2 of 2"));
        Channels.awaitDeliveries(incident, lead, Channels.has("ESCALATED", "DELIVERED"));
        assertThat(deliveredTo(incident, pager)).containsExactly("ESCALATED");
        assertThat(deliveredTo(incident, lead)).containsExactly("ESCALATED");
    }
}
