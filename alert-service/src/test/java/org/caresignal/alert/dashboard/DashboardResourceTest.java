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
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.ConsoleStubs;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Routes;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on the real stack: incidents raised through the real broker, pages read and forms
 * posted over HTTP as a browser would (signed in through the OIDC code flow, with its session
 * cookie and its {@code Origin} header).
 */
@QuarkusTest
class DashboardResourceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String SIGNING_KEY = "whsec-dashboard-never-shown";
    private static final String RESPONDER = "alex.rivera";

    @TestHTTPResource("/")
    URL root;

    private final List<String> routes = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();
    private DashboardLogin.Session viewer;
    private DashboardLogin.Session responder;

    @BeforeEach
    void signIn() {
        viewer = DashboardLogin.as("vera.viewer", "viewer");
        responder = DashboardLogin.as(RESPONDER, "responder");
    }

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

    /** A page as the signed-in viewer's browser gets it. */
    private Response page(String path) {
        return viewer.given().accept(ContentType.HTML).get(path);
    }

    /** A form as the signed-in responder's browser posts it from the dashboard page. */
    private RequestSpecification form() {
        return responder.given().header("Origin", origin());
    }

    private static String status(String id) {
        return Api.asViewer()
                .get("/api/incidents/" + id)
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
        form().post("/dashboard/incidents/" + resolved + "/resolve");

        var list = page("/dashboard/incidents?brand=" + brand);
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

        var both = page("/dashboard/incidents").asString();
        assertThat(both).contains(open).contains(resolved);
        assertThat(both.indexOf(open))
                .as("unresolved incidents come before resolved ones")
                .isLessThan(both.indexOf(resolved));

        assertThat(page("/dashboard/incidents?brand=" + brand + "&status=resolved").asString())
                .doesNotContain(open);
        assertThat(page("/dashboard/incidents?brand=" + brand + "&severity=LOW").asString())
                .doesNotContain(open);
        assertThat(
                        page("/dashboard/incidents?brand="
                                        + brand
                                        + "&status=OPEN&severity=critical")
                                .asString())
                .contains(open);
        assertThat(page("/dashboard/incidents?brand=" + other + "&status=RESOLVED").asString())
                .contains(resolved)
                .contains(">" + RESPONDER + "<");

        var bad = page("/dashboard/incidents?status=SLEEPING");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("text/html");
        assertThat(bad.asString()).contains("status must be one of OPEN, ACKNOWLEDGED, RESOLVED");
        assertThat(page("/dashboard/incidents?brand=Not%20A%20Slug").statusCode()).isEqualTo(400);

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
                                () -> page("/dashboard/incidents?brand=" + brand).asString(),
                                h -> h.contains("4 mentions"));
        assertThat(strip)
                .contains("data-brand=\"" + brand + "\"")
                .contains("2 negative")
                .contains("(<span class=\"share\">50%</span>)")
                .contains("1 unresolved")
                .contains("<polyline points=\"0,");
        assertThat(page("/dashboard/incidents").asString())
                .contains("data-brand=\"" + brand + "\"");
    }

    @Test
    void theListNamesBrandsAsIngestServiceDoesAndKeepsTheIdWhenItCannotSay() {
        var named = ScoredMentions.uniqueBrand();
        var open = criticalIncident(named);
        ConsoleStubs.brand(named, "Lakeside Care Network", "America/Chicago");

        var html = page("/dashboard/incidents?brand=" + named).asString();
        assertThat(html).contains(open).contains("<td>Lakeside Care Network</td>");
        assertThat(html).doesNotContain("<td>" + named + "</td>");

        // A brand ingest-service does not list (removed, or ingest not answering) keeps its id.
        var unnamed = ScoredMentions.uniqueBrand();
        var other = criticalIncident(unnamed);
        assertThat(page("/dashboard/incidents?brand=" + unnamed).asString())
                .contains(other)
                .contains("<td>" + unnamed + "</td>");
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
        // A responder's view: sample links are shown to responders and analysts only.
        var api =
                Api.asResponder()
                        .get("/api/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();

        var detail = responder.given().accept(ContentType.HTML).get("/dashboard/incidents/" + id);
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
                .contains("Signed in as <strong class=\"username\">" + RESPONDER + "</strong>")
                .contains("href=\"/dashboard/logout\"")
                .doesNotContain("name=\"actor\"")
                .doesNotContain(SIGNING_KEY)
                .doesNotContain("never-called");
        var url = api.getString("incident.explanation.samples[0].url");
        assertThat(url).startsWith("https://social.example/@someone/");
        var asViewer = viewer.given().accept(ContentType.HTML).get("/dashboard/incidents/" + id);
        assertThat(asViewer.statusCode()).isEqualTo(200);
        assertThat(asViewer.asString())
                .contains(api.getString("incident.explanation.samples[0].mentionId"))
                .doesNotContain(url)
                .doesNotContain("@someone");
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
                form().formParam("note", "press office is on it")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(posted.statusCode()).isEqualTo(303);
        var location = URI.create(posted.header("Location"));
        assertThat(location.getPath()).isEqualTo("/dashboard/incidents/" + id);
        assertThat(location.getQuery()).isEqualTo("done=acknowledged");
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");

        var audit = Api.asViewer().get("/api/incidents/" + id).then().extract().jsonPath();
        assertThat(audit.getList("audit.actor", String.class)).contains(RESPONDER);
        assertThat(audit.getList("audit.detail", String.class)).contains("press office is on it");
        assertThat(posted.getCookies()).doesNotContainKey("dashboard-actor");

        var after =
                responder.given().get(location.getPath() + "?" + location.getQuery()).asString();
        assertThat(after)
                .contains("Acknowledged: escalation stops")
                .contains(">ACKNOWLEDGED<")
                .contains("<td>" + RESPONDER + "</td><td>ACKNOWLEDGED</td>")
                .contains("Recorded in the audit trail as <strong>" + RESPONDER + "</strong>")
                .doesNotContain("action=\"/dashboard/incidents/" + id + "/acknowledge\"");

        form().formParam("minutes", "60")
                .post("/dashboard/incidents/" + id + "/snooze")
                .then()
                .statusCode(303);
        assertThat(
                        Api.asViewer()
                                .get("/api/incidents/" + id)
                                .path("incident.snoozedUntil")
                                .toString())
                .isNotBlank();
        form().post("/dashboard/incidents/" + id + "/resolve").then().statusCode(303);
        assertThat(status(id)).isEqualTo("RESOLVED");
    }

    @Test
    void aFailedActionShowsItsErrorOnTheIncidentPage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        var longNote =
                form().formParam("note", "x".repeat(501))
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(longNote.statusCode()).isEqualTo(400);
        assertThat(longNote.asString()).contains("The note can be at most 500 characters");
        var tooLong =
                form().formParam("minutes", "99999").post("/dashboard/incidents/" + id + "/snooze");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.asString()).contains("minutes must be between 1 and 10080");
        assertThat(status(id)).isEqualTo("OPEN");

        form().post("/dashboard/incidents/" + id + "/resolve");
        var again =
                form().formParam("note", "closing it")
                        .post("/dashboard/incidents/" + id + "/resolve");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("text/html");
        assertThat(again.asString())
                .contains("class=\"error\"")
                .contains("the incident is already RESOLVED")
                .contains("This incident is resolved");
        var acknowledge = form().post("/dashboard/incidents/" + id + "/acknowledge");
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
                form().post("/dashboard/incidents/" + java.util.UUID.randomUUID() + "/resolve");
        assertThat(posted.statusCode()).isEqualTo(404);
        assertThat(posted.asString()).contains("<h1>Not found</h1>");
    }

    @Test
    void whatPeopleTypeIsEscapedNeverRun() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        // A username is whatever the identity provider allows; it is shown escaped too.
        var mallory = DashboardLogin.as("<b>Mallory</b>", "responder");
        mallory.given()
                .header("Origin", origin())
                .formParam("note", "<script>alert('x')</script>")
                .post("/dashboard/incidents/" + id + "/acknowledge")
                .then()
                .statusCode(303);

        var html = mallory.given().get("/dashboard/incidents/" + id).asString();
        assertThat(html)
                .doesNotContain("<script>alert")
                .doesNotContain("<b>Mallory</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&lt;b&gt;Mallory&lt;/b&gt;");
        // The only scripts on the page are files of this origin (the dashboard's and uPlot's).
        var scripts = html.split("<script", -1);
        assertThat(scripts).hasSize(4);
        for (int i = 1; i < scripts.length; i++) {
            assertThat(scripts[i])
                    .matches("(?s) src=\"/(dashboard/assets|webjars)/[^\"]+\" defer></script>.*");
        }
        assertThat(html).contains("<script src=\"/dashboard/assets/live.js\" defer></script>");

        var failed =
                form().formParam("note", "<i>x</i>")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(failed.asString()).doesNotContain("<i>x</i>").contains("&lt;i&gt;x&lt;/i&gt;");
    }

    @Test
    void formsFromAnotherSiteAreRefused() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);

        // The session cookie alone does not carry a form: the browser must say it came from here.
        var crossSite =
                responder
                        .given()
                        .header("Origin", "https://evil.example")
                        .formParam("note", "mallory")
                        .post("/dashboard/incidents/" + id + "/resolve");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.asString()).contains("another origin");
        var fetchMetadata =
                responder
                        .given()
                        .header("Sec-Fetch-Site", "cross-site")
                        .formParam("note", "mallory")
                        .post("/dashboard/incidents/" + id + "/resolve");
        assertThat(fetchMetadata.statusCode()).isEqualTo(403);
        var noOrigin =
                responder
                        .given()
                        .formParam("note", "mallory")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("OPEN");

        // The JSON API is not a form endpoint (bearer tokens, no cookies): unchanged by the guard.
        Channels.act("api-client", id, "acknowledge", "{}");
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void theDashboardLinkOfEveryAlertOpensTheIncidentPage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        String link =
                Api.asViewer()
                        .get("/api/incidents/" + id)
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
        // The assets are open: they hold no data, and a page without a session needs them.
        var js = given().redirects().follow(false).get("/dashboard/assets/live.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.contentType()).startsWith("text/javascript");
        assertThat(js.asString()).contains("new EventSource(stream)");
        assertThat(
                        given().redirects()
                                .follow(false)
                                .get("/dashboard/assets/dashboard.css")
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        given().redirects()
                                .follow(false)
                                .get("/dashboard/assets/secrets.txt")
                                .statusCode())
                .isEqualTo(404);
        assertThat(page("/dashboard/incidents").asString())
                .contains("data-stream=\"/dashboard/stream\"")
                .contains("<div id=\"live\">");
    }
}
