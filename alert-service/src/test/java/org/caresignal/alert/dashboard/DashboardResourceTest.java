package org.caresignal.alert.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Routes;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on the real stack: incidents raised through the real broker, pages read and forms
 * posted over HTTP as a browser would (with its {@code Origin} header).
 */
@QuarkusTest
class DashboardResourceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String SIGNING_KEY = "whsec-dashboard-never-shown";

    @TestHTTPResource("/")
    URL root;

    private final List<String> routes = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();

    @AfterEach
    void cleanup() {
        routes.forEach(Routes::delete);
        routes.clear();
        channels.forEach(Channels::delete);
        channels.clear();
    }

    private String origin() {
        return root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
    }

    private static String criticalIncident(String brand) {
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }

    private static Response page(String path) {
        return given().accept(ContentType.HTML).get(path);
    }

    /** A form as the browser posts it from the dashboard page. */
    private RequestSpecification form() {
        return given().redirects().follow(false).header("Origin", origin());
    }

    private static String status(String id) {
        return given().get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("incident.status");
    }

    @Test
    void theListShowsUnresolvedIncidentsFirstFiltersAndTheBrandsLast24Hours() {
        var brand = ScoredMentions.uniqueBrand();
        var open = criticalIncident(brand);
        var other = ScoredMentions.uniqueBrand();
        var resolved = criticalIncident(other);
        form().formParam("actor", "sam").post("/dashboard/incidents/" + resolved + "/resolve");

        var list = page("/dashboard?brand=" + brand);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("text/html");
        assertThat(list.header("Cache-Control")).isEqualTo("no-store");
        assertThat(list.header("Content-Security-Policy")).contains("script-src 'self'");
        var html = list.asString();
        assertThat(html)
                .contains("href=\"/dashboard/incidents/" + open + "\"")
                .contains("CRITICAL")
                .contains("CRITICAL_POST")
                .contains(">OPEN<")
                .contains("brand-wide")
                .contains(" UTC</time>")
                .doesNotContain(resolved);

        var both = page("/dashboard").asString();
        assertThat(both).contains(open).contains(resolved);
        assertThat(both.indexOf(open))
                .as("unresolved incidents come before resolved ones")
                .isLessThan(both.indexOf(resolved));

        assertThat(page("/dashboard?brand=" + brand + "&status=resolved").asString())
                .doesNotContain(open);
        assertThat(page("/dashboard?brand=" + brand + "&severity=LOW").asString())
                .doesNotContain(open);
        assertThat(page("/dashboard?brand=" + brand + "&status=OPEN&severity=critical").asString())
                .contains(open);
        assertThat(page("/dashboard?brand=" + other + "&status=RESOLVED").asString())
                .contains(resolved)
                .contains(">sam<");

        var bad = page("/dashboard?status=SLEEPING");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("text/html");
        assertThat(bad.asString()).contains("status must be one of OPEN, ACKNOWLEDGED, RESOLVED");
        assertThat(page("/dashboard?brand=Not%20A%20Slug").statusCode()).isEqualTo(400);

        // The strip: the brand's own bucket counts of the last 24 hours, per hour.
        var now = Instant.now();
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                ScoredMentions.at(brand, "NEGATIVE", now.minusSeconds(5400), Scenario.ANGRY),
                ScoredMentions.at(brand, "NEGATIVE", now.minusSeconds(5300), Scenario.ANGRY),
                ScoredMentions.at(brand, "NEUTRAL", now.minusSeconds(5200), Scenario.CALM),
                ScoredMentions.at(brand, "NEUTRAL", now.minusSeconds(60), Scenario.CALM));
        var strip =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> page("/dashboard?brand=" + brand).asString(),
                                h -> h.contains("4 mentions"));
        assertThat(strip)
                .contains("data-brand=\"" + brand + "\"")
                .contains("2 negative")
                .contains("(<span class=\"share\">50%</span>)")
                .contains("1 unresolved")
                .contains("<polyline points=\"0,");
        assertThat(page("/dashboard").asString()).contains("data-brand=\"" + brand + "\"");
    }

    /** A route for the brand to a webhook, quiet for another hour in New York. */
    private String heldRoute(String brand) {
        var channel =
                Channels.create(
                        Map.of(
                                "name",
                                "comms-desk",
                                "type",
                                "WEBHOOK",
                                "secrets",
                                Map.of(
                                        "url",
                                        "http://127.0.0.1:9/hooks/never-called",
                                        "signingKey",
                                        SIGNING_KEY)));
        channels.add(channel);
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var body = new LinkedHashMap<String, Object>();
        body.put("name", "nights");
        body.put("brandId", brand);
        body.put("channelIds", List.of(channel));
        body.put(
                "quietHours",
                Map.of(
                        "days",
                        List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                        "start",
                        LocalTime.ofInstant(now.minus(Duration.ofHours(1)), NEW_YORK).toString(),
                        "end",
                        LocalTime.ofInstant(now.plus(Duration.ofHours(1)), NEW_YORK).toString(),
                        "zone",
                        NEW_YORK.getId(),
                        "override",
                        "CRITICAL"));
        routes.add(Routes.create(body));
        return channel;
    }

    @Test
    void theIncidentPageShowsTheExplanationAspectsAuditAndHeldDeliveriesInTheFacilityZone() {
        var brand = ScoredMentions.uniqueBrand();
        var channel = heldRoute(brand);
        Scenario.spike(brand);
        var id =
                Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
        Channels.awaitDeliveries(id, channel, Channels.has("RAISED", "HELD"));
        var api = given().get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();

        var detail = page("/dashboard/incidents/" + id);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.header("Cache-Control")).isEqualTo("no-store");
        var html = detail.asString();
        assertThat(html)
                .contains(api.getString("incident.explanation.summary"))
                .contains(api.getString("incident.explanation.triggers[0]"))
                .contains("Times shown in</dt><dd>America/New_York")
                .contains("EST")
                .contains(api.getString("incident.explanation.baseline.measure"))
                .contains("emergency-wait")
                .contains(api.getString("incident.explanation.samples[0].mentionId"))
                .contains(
                        "href=\""
                                + api.getString("incident.explanation.samples[0].url")
                                + "\" rel=\"noopener noreferrer nofollow\"")
                .contains("system:detector")
                .contains("RAISED")
                .contains("comms-desk")
                .contains("WEBHOOK")
                .contains("HELD")
                .contains("(quiet hours, America/New_York)")
                .contains("action=\"/dashboard/incidents/" + id + "/acknowledge\"")
                .contains("action=\"/dashboard/incidents/" + id + "/snooze\"")
                .contains("No login yet")
                .doesNotContain(SIGNING_KEY)
                .doesNotContain("never-called");
        var effect = api.getDouble("incident.explanation.effectSize");
        assertThat(html)
                .contains(
                        String.format(java.util.Locale.ROOT, "%.2f", effect)
                                        .replaceFirst("0+$", "")
                                        .replaceFirst("\\.$", "")
                                + "×");
        var aspectShare = Math.round(api.getDouble("incident.explanation.aspects[0].share") * 100);
        assertThat(html).contains("<td>" + aspectShare + "%</td>");
    }

    @Test
    void acknowledgingThroughTheFormAuditsThePersonAndRedirectsBackToThePage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        var posted =
                form().formParam("actor", "Alex Rivera")
                        .formParam("note", "press office is on it")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(posted.statusCode()).isEqualTo(303);
        var location = URI.create(posted.header("Location"));
        assertThat(location.getPath()).isEqualTo("/dashboard/incidents/" + id);
        assertThat(location.getQuery()).isEqualTo("done=acknowledged");
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");

        var audit = given().get("/api/incidents/" + id).then().extract().jsonPath();
        assertThat(audit.getList("audit.actor", String.class)).contains("Alex Rivera");
        assertThat(audit.getList("audit.detail", String.class)).contains("press office is on it");

        var after =
                given().cookie("dashboard-actor", posted.cookie("dashboard-actor"))
                        .get(location.getPath() + "?" + location.getQuery())
                        .asString();
        assertThat(after)
                .contains("Acknowledged: escalation stops")
                .contains(">ACKNOWLEDGED<")
                .contains("<td>Alex Rivera</td><td>ACKNOWLEDGED</td>")
                .contains("value=\"Alex Rivera\"")
                .doesNotContain("action=\"/dashboard/incidents/" + id + "/acknowledge\"");

        form().formParam("actor", "Alex Rivera")
                .formParam("minutes", "60")
                .post("/dashboard/incidents/" + id + "/snooze")
                .then()
                .statusCode(303);
        assertThat(given().get("/api/incidents/" + id).path("incident.snoozedUntil").toString())
                .isNotBlank();
        form().formParam("actor", "Sam")
                .post("/dashboard/incidents/" + id + "/resolve")
                .then()
                .statusCode(303);
        assertThat(status(id)).isEqualTo("RESOLVED");
    }

    @Test
    void aFailedActionShowsItsErrorOnTheIncidentPage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        var nameless =
                form().formParam("actor", "  ").post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.asString()).contains("Enter your name");
        var tooLong =
                form().formParam("actor", "sam")
                        .formParam("minutes", "99999")
                        .post("/dashboard/incidents/" + id + "/snooze");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.asString()).contains("minutes must be between 1 and 10080");
        assertThat(status(id)).isEqualTo("OPEN");

        form().formParam("actor", "sam").post("/dashboard/incidents/" + id + "/resolve");
        var again =
                form().formParam("actor", "kim")
                        .formParam("note", "closing it")
                        .post("/dashboard/incidents/" + id + "/resolve");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("text/html");
        assertThat(again.asString())
                .contains("class=\"error\"")
                .contains("the incident is already RESOLVED")
                .contains("This incident is resolved");
        var acknowledge =
                form().formParam("actor", "kim")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(acknowledge.statusCode()).isEqualTo(409);
        assertThat(acknowledge.asString()).contains("only when OPEN; it is RESOLVED");
    }

    @Test
    void unknownOrMalformedIncidentsGetA404Page() {
        for (var path :
                List.of(
                        "/dashboard/incidents/" + java.util.UUID.randomUUID(),
                        "/dashboard/incidents/not-a-uuid",
                        "/dashboard/incidents/%3Cscript%3E",
                        "/dashboard/incident/" + java.util.UUID.randomUUID(),
                        "/dashboard/incidents/" + java.util.UUID.randomUUID() + "/extra")) {
            var missing = page(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("text/html");
            assertThat(missing.header("Cache-Control")).isEqualTo("no-store");
            assertThat(missing.asString())
                    .contains("<h1>Not found</h1>")
                    .doesNotContain("<script>")
                    .doesNotContain("Exception")
                    .doesNotContain("org.caresignal");
        }
        var posted =
                form().formParam("actor", "sam")
                        .post("/dashboard/incidents/" + java.util.UUID.randomUUID() + "/resolve");
        assertThat(posted.statusCode()).isEqualTo(404);
        assertThat(posted.asString()).contains("<h1>Not found</h1>");
    }

    @Test
    void whatPeopleTypeIsEscapedNeverRun() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        form().formParam("actor", "<b>Mallory</b>")
                .formParam("note", "<script>alert('x')</script>")
                .post("/dashboard/incidents/" + id + "/acknowledge")
                .then()
                .statusCode(303);

        var html = page("/dashboard/incidents/" + id).asString();
        assertThat(html)
                .doesNotContain("<script>alert")
                .doesNotContain("<b>Mallory</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&lt;b&gt;Mallory&lt;/b&gt;");
        // The only script on the page is the dashboard's own file.
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).contains("<script src=\"/dashboard/assets/live.js\" defer></script>");

        var failed =
                form().formParam("actor", "<i>x</i>")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(failed.asString()).doesNotContain("<i>x</i>").contains("&lt;i&gt;x&lt;/i&gt;");
    }

    @Test
    void formsFromAnotherSiteAreRefused() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        var crossSite =
                given().redirects()
                        .follow(false)
                        .header("Origin", "https://evil.example")
                        .formParam("actor", "mallory")
                        .post("/dashboard/incidents/" + id + "/resolve");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.asString()).contains("another origin");
        var fetchMetadata =
                given().header("Sec-Fetch-Site", "cross-site")
                        .formParam("actor", "mallory")
                        .post("/dashboard/incidents/" + id + "/resolve");
        assertThat(fetchMetadata.statusCode()).isEqualTo(403);
        var anonymous =
                given().formParam("actor", "mallory")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("OPEN");

        // The JSON API is not a form endpoint: unchanged by the dashboard's guard.
        Channels.act(id, "acknowledge", "{\"actor\": \"api-client\"}");
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void theDashboardLinkOfEveryAlertOpensTheIncidentPage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        String link =
                given().get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("incident.dashboardUrl");
        var url = URI.create(link);
        assertThat(url.getPath()).isEqualTo("/dashboard/incidents/" + id);

        // The configured base is the production address; the test server runs on its own port.
        var opened = page(url.getRawPath());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.asString()).contains("data-incident=\"" + id + "\"");
    }

    @Test
    void thePagesCarryTheLiveScriptThatFollowsTheIncidentStream() {
        var js = given().get("/dashboard/assets/live.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.contentType()).startsWith("text/javascript");
        assertThat(js.asString()).contains("new EventSource(stream)");
        assertThat(given().get("/dashboard/assets/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(given().get("/dashboard/assets/secrets.txt").statusCode()).isEqualTo(404);
        assertThat(page("/dashboard").asString())
                .contains("data-stream=\"/api/incidents/stream\"")
                .contains("<div id=\"live\">");
    }
}
