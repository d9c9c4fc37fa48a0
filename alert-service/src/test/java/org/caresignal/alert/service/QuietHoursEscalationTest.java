package org.caresignal.alert.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Quiet hours and escalation together, through real deliveries to WireMock: the escalation clock
 * starts when the held page goes out, held deliveries are {@code HELD}, and acknowledging,
 * resolving, snoozing and editing or deleting the route while a page is held. Time is controlled
 * the way the module does it: escalation ticks at explicit instants, and quiet windows placed
 * around the real clock (a long window, shortened by a route edit when a test needs it to end).
 */
@QuarkusTest
class QuietHoursEscalationTest {

    /** The management interface, where the OpenAPI document is served. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    private static WireMockServer receiver;

    @Inject EscalationTicker escalation;

    private String comms;
    private String pager;
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
        comms = Routes.webhook("comms", receiver.baseUrl() + "/hooks/quiet-comms");
        pager = Routes.webhook("pager", receiver.baseUrl() + "/hooks/quiet-pager");
    }

    @AfterEach
    void cleanup() {
        routes.forEach(Routes::delete);
        routes.clear();
        Channels.delete(comms);
        Channels.delete(pager);
    }

    /** A route for the brand to comms, escalating to the pager after 15 minutes. */
    private Map<String, Object> body(String brand, Instant quietFrom, Instant quietUntil) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", "nights");
        body.put("brandId", brand);
        body.put("channelIds", List.of(comms));
        body.put("escalation", List.of(Map.of("after", "PT15M", "channelIds", List.of(pager))));
        if (quietFrom != null) {
            body.put(
                    "quietHours",
                    Map.of(
                            "days",
                            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                            "start",
                            LocalTime.ofInstant(quietFrom, ZONE).toString(),
                            "end",
                            LocalTime.ofInstant(quietUntil, ZONE).toString(),
                            "zone",
                            ZONE.getId(),
                            "override",
                            "CRITICAL"));
        }
        return body;
    }

    private String route(Map<String, Object> body) {
        var id = Routes.create(body);
        routes.add(id);
        return id;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String incidentOf(String brand) {
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }

    private static JsonPath log(String incident, String channel) {
        return Api.asResponder()
                .queryParam("incident", incident)
                .queryParam("channel", channel)
                .get("/api/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> bodiesTo(String path, String incident) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> r.getBodyAsString())
                .filter(b -> b.contains(incident))
                .toList();
    }

    /** A spike incident whose page is held by a window that lasts another hour. */
    private record Held(String brand, String route, String incident, Instant from, Instant until) {}

    private Held heldSpike() {
        var brand = ScoredMentions.uniqueBrand();
        var from = now().minus(Duration.ofHours(1));
        var until = now().plus(Duration.ofHours(1));
        var route = route(body(brand, from, until));
        Scenario.spike(brand);
        var incident = incidentOf(brand);
        var held = Channels.awaitDeliveries(incident, comms, j -> j.getList("$").size() == 1);
        assertThat(held.getString("[0].status")).isEqualTo("HELD");
        assertThat(Scenario.incidents(brand).getString("[0].severity")).isNotEqualTo("CRITICAL");
        return new Held(brand, route, incident, from, until);
    }

    @Test
    void aHeldPageIsHeldInTheLogAndItsEscalationCountsFromWhenItWentOut() {
        var held = heldSpike();
        var log = log(held.incident(), comms);
        assertThat(log.getString("[0].change")).isEqualTo("RAISED");
        assertThat(Instant.parse(log.getString("[0].heldUntil"))).isEqualTo(held.until());
        assertThat(log.getString("[0].heldZone")).isEqualTo("America/New_York");
        assertThat(log.getString("[0].heldRouteId")).isEqualTo(held.route());
        var local = OffsetDateTime.parse(log.getString("[0].heldUntilLocal"));
        assertThat(local.toInstant()).isEqualTo(held.until());
        assertThat(local.getOffset()).isEqualTo(ZONE.getRules().getOffset(held.until()));
        assertThat(
                        Api.asResponder()
                                .queryParam("incident", held.incident())
                                .queryParam("status", "held")
                                .get("/api/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id"))
                .hasSize(1);

        // The page has not gone out: no escalation step is due, however late the tick.
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofMinutes(20)))).isZero();
        assertThat(escalation.escalate(held.until().plus(Duration.ofHours(3)))).isZero();
        assertThat(log(held.incident(), pager).getList("$")).isEmpty();

        // The window now ends in a few seconds: the hold follows the edit, the page goes out then.
        var end = now().plusSeconds(5);
        Routes.replace(held.route(), body(held.brand(), held.from(), end));
        assertThat(Instant.parse(log(held.incident(), comms).getString("[0].heldUntil")))
                .isEqualTo(end);
        Channels.awaitDeliveries(held.incident(), comms, Channels.has("RAISED", "DELIVERED"));
        var sent =
                receiver.findAll(postRequestedFor(urlEqualTo("/hooks/quiet-comms"))).stream()
                        .filter(r -> r.getBodyAsString().contains(held.incident()))
                        .toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getLoggedDate().toInstant()).isAfterOrEqualTo(end);

        // Fifteen minutes from the page, not from the opening.
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofMinutes(14)))).isZero();
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofMinutes(16)))).isEqualTo(1);
        Channels.awaitDeliveries(held.incident(), pager, Channels.has("ESCALATED", "DELIVERED"));
        assertThat(bodiesTo("/hooks/quiet-comms", held.incident())).hasSize(1);
        assertThat(bodiesTo("/hooks/quiet-pager", held.incident())).hasSize(1);
    }

    @Test
    void atTheOverrideSeverityTheEscalationRunsThroughQuietHours() {
        var brand = ScoredMentions.uniqueBrand();
        route(body(brand, now().minus(Duration.ofHours(1)), now().plus(Duration.ofHours(1))));
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incident = incidentOf(brand);
        Channels.awaitDeliveries(incident, comms, Channels.has("RAISED", "DELIVERED"));
        assertThat(log(incident, comms).getString("[0].heldUntil")).isNull();
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofMinutes(14)))).isZero();
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofMinutes(16)))).isEqualTo(1);
        Channels.awaitDeliveries(incident, pager, Channels.has("ESCALATED", "DELIVERED"));
    }

    @Test
    void anIncidentAcknowledgedDuringQuietHoursNeverEscalatesAndItsPagesGoOutInOrder() {
        var held = heldSpike();
        Channels.act("alex@riverside.example", held.incident(), "acknowledge", "{}");
        var log =
                Channels.awaitDeliveries(
                        held.incident(), comms, Channels.has("ACKNOWLEDGED", "HELD"));
        assertThat(log.getList("status", String.class)).containsOnly("HELD");
        assertThat(escalation.escalate(held.until().plus(Duration.ofHours(2)))).isZero();

        var end = now().plusSeconds(5);
        Routes.replace(held.route(), body(held.brand(), held.from(), end));
        var done =
                Channels.awaitDeliveries(
                        held.incident(), comms, Channels.has("ACKNOWLEDGED", "DELIVERED"));
        assertThat(done.getList("status", String.class)).containsOnly("DELIVERED");
        var raised = Instant.parse(done.getString("find { it.change == 'RAISED' }.deliveredAt"));
        var acknowledged =
                Instant.parse(done.getString("find { it.change == 'ACKNOWLEDGED' }.deliveredAt"));
        assertThat(raised).isAfterOrEqualTo(end).isBeforeOrEqualTo(acknowledged);
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofHours(2)))).isZero();
        assertThat(log(held.incident(), pager).getList("$")).isEmpty();
    }

    @Test
    void anIncidentResolvedWhileItsPageIsHeldNeverPages() {
        var held = heldSpike();
        Channels.act("alex@riverside.example", held.incident(), "resolve", "{}");
        var log = log(held.incident(), comms);
        assertThat(log.getList("change", String.class))
                .containsExactlyInAnyOrder("RAISED", "RESOLVED");
        assertThat(log.getList("status", String.class)).containsOnly("SKIPPED");
        assertThat(log.getList("lastError", String.class))
                .allSatisfy(e -> assertThat(e).startsWith("resolved before any notification"));

        var end = now().plusSeconds(3);
        Routes.replace(held.route(), body(held.brand(), held.from(), end));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(end.plusSeconds(2)));
        assertThat(bodiesTo("/hooks/quiet-comms", held.incident())).isEmpty();
        assertThat(log(held.incident(), comms).getList("status", String.class))
                .containsOnly("SKIPPED");
        assertThat(escalation.escalate(Instant.now().plus(Duration.ofHours(2)))).isZero();
    }

    @Test
    void aSnoozeRestartsTheEscalationClockWhenItEnds() {
        var brand = ScoredMentions.uniqueBrand();
        route(body(brand, null, null));
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incident = incidentOf(brand);
        Channels.awaitDeliveries(incident, comms, Channels.has("RAISED", "DELIVERED"));
        Channels.act("sam", incident, "snooze", "{\"minutes\": 30}");
        var snoozed = now();
        assertThat(escalation.escalate(snoozed.plus(Duration.ofMinutes(20)))).isZero();
        // The snooze is over, but its 30 minutes do not count towards the 15.
        assertThat(escalation.escalate(snoozed.plus(Duration.ofMinutes(31)))).isZero();
        assertThat(escalation.escalate(snoozed.plus(Duration.ofMinutes(46)))).isEqualTo(1);
        var trail =
                Api.asViewer().get("/api/incidents/" + incident).then().statusCode(200).extract();
        assertThat(trail.jsonPath().getList("audit.findAll { it.action == 'ESCALATED' }"))
                .hasSize(1);
    }

    @Test
    void editingTheRouteOutOfQuietHoursReleasesTheHeldPageOnce() {
        var held = heldSpike();
        Routes.replace(held.route(), body(held.brand(), null, null));
        var log =
                Channels.awaitDeliveries(
                        held.incident(), comms, Channels.has("RAISED", "DELIVERED"));
        // The log still tells when it would have ended.
        assertThat(Instant.parse(log.getString("[0].heldUntil"))).isEqualTo(held.until());
        Routes.replace(held.route(), body(held.brand(), null, null));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> bodiesTo("/hooks/quiet-comms", held.incident()).size() == 1);
        assertThat(log(held.incident(), comms).getList("$")).hasSize(1);
    }

    @Test
    void deletingTheRouteKeepsTheHoldUntilItsRecordedEnd() {
        var held = heldSpike();
        Routes.delete(held.route());
        routes.remove(held.route());
        var log = log(held.incident(), comms);
        assertThat(log.getString("[0].status")).isEqualTo("HELD");
        assertThat(Instant.parse(log.getString("[0].heldUntil"))).isEqualTo(held.until());
        assertThat(Instant.parse(log.getString("[0].nextAttemptAt"))).isEqualTo(held.until());
        assertThat(bodiesTo("/hooks/quiet-comms", held.incident())).isEmpty();
    }

    @Test
    void aChangeThatGoesOutAtOnceReleasesTheHeldPageAheadOfIt() {
        var held = heldSpike();
        // Without the route, the acknowledgement goes to every enabled channel at once (implicit
        // root): it must not wait an hour behind the held page, nor overtake it.
        Routes.delete(held.route());
        routes.remove(held.route());
        Channels.act("alex@riverside.example", held.incident(), "acknowledge", "{}");
        var done =
                Channels.awaitDeliveries(
                        held.incident(), comms, Channels.has("ACKNOWLEDGED", "DELIVERED"));
        assertThat(done.getList("status", String.class)).containsOnly("DELIVERED");
        // Released early (its heldUntil stays as history), and sent first.
        assertThat(Instant.parse(done.getString("find { it.change == 'RAISED' }.heldUntil")))
                .isEqualTo(held.until());
        var raised = Instant.parse(done.getString("find { it.change == 'RAISED' }.deliveredAt"));
        var acknowledged =
                Instant.parse(done.getString("find { it.change == 'ACKNOWLEDGED' }.deliveredAt"));
        assertThat(raised).isBeforeOrEqualTo(acknowledged).isBefore(held.until());
        assertThat(bodiesTo("/hooks/quiet-comms", held.incident())).hasSize(2);
    }

    @Test
    void theOpenApiDocumentsTheHeldStatusAndItsFields() {
        var schema =
                given().baseUri("http://" + management.getHost())
                        .port(management.getPort())
                        .queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(schema.getList("components.schemas.Delivery.properties.status.enum"))
                .contains("HELD", "PENDING", "DELIVERED", "FAILED", "SKIPPED");
        assertThat(schema.getMap("components.schemas.Delivery.properties"))
                .containsKeys("heldUntil", "heldZone", "heldUntilLocal", "heldRouteId");
        assertThat(schema.getString("paths.'/api/deliveries'.get.description")).contains("HELD");
    }
}
