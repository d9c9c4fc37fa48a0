package org.caresignal.alert.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.OidcTestServer;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's sign-in over the OIDC authorization-code flow against quarkus-test-oidc-server,
 * followed over HTTP with cookies as a browser does: anonymous visitors go to the provider's login,
 * the person's name and roles are on every page, a responder's action is recorded under their
 * username, a viewer's is refused, the live stream runs on the session, and signing out goes
 * through the provider back to the dashboard.
 */
@QuarkusTest
class DashboardLoginTest {

    @TestHTTPResource("/")
    URL root;

    private String origin() {
        return root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
    }

    private static String criticalIncident(String brand) {
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }

    @Test
    void anAnonymousVisitorIsSentToTheProvidersLoginWhileTheApiAnswers401() {
        for (var path :
                List.of(
                        "/dashboard",
                        "/dashboard/incidents/" + UUID.randomUUID(),
                        "/dashboard/stream",
                        "/dashboard/no-such-page")) {
            var response = given().redirects().follow(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            var login = URI.create(response.header("Location"));
            assertThat(login.toString())
                    .as(path)
                    .startsWith(OidcTestServer.baseUrl() + "/auth/realms/quarkus");
            assertThat(login.getQuery())
                    .contains("response_type=code")
                    .contains("client_id=" + Tokens.DASHBOARD_CLIENT)
                    .contains("code_challenge_method=S256")
                    .contains("redirect_uri=" + origin() + path);
        }
        var post =
                given().redirects()
                        .follow(false)
                        .header("Origin", origin())
                        .post("/dashboard/incidents/" + UUID.randomUUID() + "/acknowledge");
        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(post.header("Location")).startsWith(OidcTestServer.baseUrl());

        // The API stays bearer-only: no redirect, a 401 problem.
        var api =
                given().redirects()
                        .follow(false)
                        .accept("text/html,application/xhtml+xml,*/*;q=0.8")
                        .get("/api/incidents");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.header("Location")).isNull();
    }

    @Test
    void aSignedInPersonSeesTheirNameAndRolesOnEveryPage() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        var session = DashboardLogin.as("dana.both", "analyst", "responder");

        for (var path :
                List.of(
                        "/dashboard",
                        "/dashboard/incidents",
                        "/dashboard/incidents?brand=" + brand,
                        "/dashboard/incidents/" + id,
                        "/dashboard/incidents/" + UUID.randomUUID(),
                        "/dashboard/no-such-page")) {
            var page = session.given().accept(ContentType.HTML).get(path);
            assertThat(page.statusCode()).as(path).isIn(200, 404);
            assertThat(page.asString())
                    .as(path)
                    .contains("Signed in as <strong class=\"username\">dana.both</strong>")
                    .contains("(analyst, responder)")
                    .contains("<a class=\"signout\" href=\"/dashboard/logout\">Sign out</a>")
                    .doesNotContain("No login yet");
        }
    }

    @Test
    void aRespondersAcknowledgementIsRecordedUnderTheirUsernameAndAViewersIsRefused() {
        var brand = ScoredMentions.uniqueBrand();
        var id = criticalIncident(brand);
        var viewer = DashboardLogin.as("vic.viewer", "viewer");
        var responder = DashboardLogin.as("rita.responder", "responder");

        var viewerPage = viewer.given().get("/dashboard/incidents/" + id).asString();
        assertThat(viewerPage)
                .doesNotContain("action=\"/dashboard/incidents/" + id + "/acknowledge\"")
                .contains("need the responder role")
                .contains("signed in as vic.viewer (viewer)");
        var refused =
                viewer.given()
                        .header("Origin", origin())
                        .formParam("note", "I am only a viewer")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.asString()).contains("Not allowed").contains("responder role");
        assertThat(Api.asViewer().get("/api/incidents/" + id).path("incident.status").toString())
                .isEqualTo("OPEN");

        var responderPage = responder.given().get("/dashboard/incidents/" + id).asString();
        assertThat(responderPage)
                .contains("action=\"/dashboard/incidents/" + id + "/acknowledge\"")
                .doesNotContain("name=\"actor\"");
        var acknowledged =
                responder
                        .given()
                        .header("Origin", origin())
                        .formParam("note", "on it")
                        .post("/dashboard/incidents/" + id + "/acknowledge");
        assertThat(acknowledged.statusCode()).isEqualTo(303);

        var detail = Api.asViewer().get("/api/incidents/" + id).then().extract().jsonPath();
        assertThat(detail.getString("incident.status")).isEqualTo("ACKNOWLEDGED");
        assertThat(detail.getString("incident.acknowledgedBy")).isEqualTo("rita.responder");
        assertThat(detail.getList("audit.actor", String.class)).contains("rita.responder");
        var audit =
                Api.asAdmin()
                        .queryParam("user", "rita.responder")
                        .queryParam("action", "incident.acknowledge")
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(audit.getList("items.target", String.class)).containsExactly(id);
        assertThat(audit.getString("items[0].subject"))
                .isEqualTo(Tokens.subjectOf("rita.responder"));
        assertThat(audit.getString("items[0].username")).isEqualTo("rita.responder");
        assertThat(
                        Api.asAdmin()
                                .queryParam("user", "vic.viewer")
                                .get("/api/audit")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items.action", String.class))
                .doesNotContain("incident.acknowledge");
    }

    @Test
    void aPersonWithoutACareSignalRoleSeesNothing() {
        var nobody = DashboardLogin.as("no.role");
        var page = nobody.given().get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("Not allowed").doesNotContain("<table");
    }

    @Test
    void aBearerTokenDoesNotOpenTheDashboardNorTheSessionCookieTheApi() {
        var withToken =
                given().redirects().follow(false).auth().oauth2(Tokens.admin()).get("/dashboard");
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.header("Location")).startsWith(OidcTestServer.baseUrl());

        var session = DashboardLogin.as("sam.session", "admin");
        var api = session.given().get("/api/channels");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void signingOutEndsTheProvidersSessionAndComesBackToTheDashboard() {
        var session = DashboardLogin.as("olga.out", "viewer");
        assertThat(session.given().get("/dashboard").statusCode()).isEqualTo(200);

        var out = session.given().get("/dashboard/logout");
        assertThat(out.statusCode()).isEqualTo(302);
        var endSession = URI.create(out.header("Location"));
        assertThat(endSession.toString())
                .startsWith(
                        OidcTestServer.baseUrl()
                                + "/auth/realms/quarkus/protocol/openid-connect/end-session");
        var query = URLDecoder.decode(endSession.getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query)
                .contains("post_logout_redirect_uri=" + origin() + "/dashboard")
                .contains("id_token_hint=");
        var cleared =
                out.getHeaders().getValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("q_session"))
                        .toList();
        assertThat(cleared).isNotEmpty().allMatch(c -> c.toLowerCase().contains("max-age=0"));
    }

    @Test
    void theLiveRefreshStreamRunsOnTheSession() throws Exception {
        var brand = ScoredMentions.uniqueBrand();
        var session = DashboardLogin.as("lena.live", "viewer");
        var lines = new CopyOnWriteArrayList<String>();
        var response =
                HttpClient.newHttpClient()
                        .sendAsync(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        DashboardLogin.appBase()
                                                                + "/dashboard/stream"))
                                        .header("Accept", "text/event-stream")
                                        .header("Cookie", session.cookieHeader())
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
        assertThat(response.join().statusCode()).isEqualTo(200);
        assertThat(response.join().headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/event-stream");

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
