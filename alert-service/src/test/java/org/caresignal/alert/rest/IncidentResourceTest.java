package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentResourceTest {

    @TestHTTPResource("/api/incidents/stream")
    URI stream;

    private static String criticalIncident(String brand) {
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }

    private static final String ALEX = "alex@riverside.example";
    private static final String SAM = "sam@riverside.example";

    private static io.restassured.response.ValidatableResponse act(
            String id, String action, String body) {
        return act(Tokens.responder(), id, action, body);
    }

    private static io.restassured.response.ValidatableResponse act(
            String token, String id, String action, String body) {
        return Api.withToken(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents/" + id + "/" + action)
                .then();
    }

    @Test
    void aPersonAcknowledgesSnoozesAndResolvesEachChangeAuditedAndPublished() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        var alex = Tokens.of(ALEX, "responder");
        var sam = Tokens.of(SAM, "responder");
        act(alex, id, "acknowledge", "{\"note\": \"on it\"}")
                .statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo(ALEX));
        act(alex, id, "snooze", "{\"minutes\": 60}")
                .statusCode(200)
                .body("snoozedUntil", notNullValue());
        // A name typed into the body is not an actor: the token's user is recorded.
        act(sam, id, "resolve", "{\"actor\": \"mallory@evil.example\"}")
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo(SAM))
                .body("snoozedUntil", equalTo(null));

        var detail =
                Api.asViewer()
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(detail.getList("audit.action", String.class))
                .containsExactly("RAISED", "ACKNOWLEDGED", "SNOOZED", "RESOLVED");
        assertThat(detail.getList("audit.actor", String.class))
                .containsExactly("system:critical-post-rules", ALEX, ALEX, SAM);
        assertThat(detail.getList("audit.detail", String.class)).contains("on it");
        assertThat(detail.getList("audit.at")).doesNotContainNull();

        var events = Alerts.readUntil(brand, Alerts.ofType("AlertResolved"));
        assertThat(events.stream().map(e -> e.get("change").asText()).toList())
                .containsExactly("RAISED", "ACKNOWLEDGED", "SNOOZED", "RESOLVED");
        Alerts.assertMatchesGolden(events.get(1), "AlertUpdated");
        Alerts.assertMatchesGolden(events.get(3), "AlertResolved");
        assertThat(events.get(3).get("actor").asText()).isEqualTo(SAM);
        assertThat(events.get(1).get("actor").asText()).isEqualTo(ALEX);

        // The same changes in the audit log, under each person's verified subject and username.
        var log =
                Api.asAdmin()
                        .queryParam("user", SAM)
                        .queryParam("action", "incident.resolve")
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(log.getList("items.target", String.class)).contains(id);
        assertThat(log.getList("items.subject", String.class)).contains(Tokens.subjectOf(SAM));
        assertThat(log.getList("items.username", String.class)).containsOnly(SAM);
        assertThat(log.getString("items.detail").toString()).doesNotContain("mallory");
        var alexActions =
                Api.asAdmin()
                        .queryParam("user", Tokens.subjectOf(ALEX))
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(
                        alexActions.getList(
                                "items.findAll { it.target == '" + id + "' }.action", String.class))
                .containsExactlyInAnyOrder("incident.acknowledge", "incident.snooze");
    }

    @Test
    void illegalTransitionsAre409ProblemsAndUnknownIncidents404() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        act(id, "resolve", "{}").statusCode(200);

        for (var action : List.of("acknowledge", "resolve")) {
            act(id, action, "{}")
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("status", equalTo(409))
                    .body("title", equalTo("Conflict"))
                    .body("detail", containsString("RESOLVED"));
        }
        act(id, "snooze", "{\"minutes\": 5}").statusCode(409);

        var unknown = UUID.randomUUID().toString();
        Api.asViewer()
                .get("/api/incidents/" + unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(unknown));
        act(unknown, "acknowledge", "{}").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidRequestsAre400ProblemsNamingTheField() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        act(id, "acknowledge", "{\"note\": \"" + "x".repeat(501) + "\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("note"));
        act(id, "snooze", "{}").statusCode(400).body("violations.field", hasItem("minutes"));
        act(id, "snooze", "{\"minutes\": 0}")
                .statusCode(400)
                .body("violations.field", hasItem("minutes"));
        act(id, "acknowledge", "{not json").statusCode(400).contentType("application/problem+json");
        Api.asViewer()
                .queryParam("status", "SLEEPING")
                .get("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("status"));
        Api.asViewer()
                .queryParam("brand", "Not A Slug")
                .get("/api/incidents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("brand"));
        Api.asViewer().get("/api/incidents/not-a-uuid").then().statusCode(404);
    }

    @Test
    void theListFiltersByBrandStatusAndSeverity() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        Api.asViewer()
                .queryParam("brand", brand)
                .queryParam("status", "OPEN")
                .queryParam("severity", "CRITICAL")
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(id)));
        Api.asViewer()
                .queryParam("brand", brand)
                .queryParam("status", "RESOLVED")
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        Api.asViewer()
                .queryParam("brand", brand)
                .queryParam("severity", "low")
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aRepeatWithinTheCooldownReopensTheSameIncidentWithoutANewPage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        act(id, "resolve", "{}").statusCode(200);

        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(600));

        var reopened =
                Scenario.awaitIncidents(brand, j -> "OPEN".equals(j.getString("[0].status")));
        assertThat(reopened.getList("$")).hasSize(1);
        assertThat(reopened.getString("[0].id")).isEqualTo(id);
        var events = Alerts.readUntil(brand, e -> "REOPENED".equals(e.get("change").asText()));
        assertThat(events.stream().filter(Alerts.ofType("AlertRaised"))).hasSize(1);
    }

    @Test
    void theStreamSendsEachCommittedChange() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var lines = new CopyOnWriteArrayList<String>();
        var client = HttpClient.newHttpClient();
        var response =
                client.sendAsync(
                        HttpRequest.newBuilder(stream)
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + Tokens.viewer())
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        var reader =
                new Thread(
                        () -> {
                            try (var in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    response.join().body(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (Exception e) {
                                lines.add("closed: " + e.getClass().getSimpleName());
                            }
                        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(response::isDone);

        criticalIncident(brand);

        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                lines.stream()
                                        .anyMatch(
                                                l ->
                                                        l.startsWith("data:")
                                                                && l.contains(brand)
                                                                && l.contains("AlertRaised")));
        response.join().body().close();
    }
}
