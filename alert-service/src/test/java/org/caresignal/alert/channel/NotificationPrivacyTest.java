package org.caresignal.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each HTTP channel receives of a sample mention, against WireMock: a channel not allowed post
 * links (the default) gets the dashboard link and the mention id, never the post URL, the author's
 * handle in it or the excerpt; a channel allowed links gets the URL; one that includes excerpts
 * gets the excerpt too. The channel API shows the settings.
 */
@QuarkusTest
class NotificationPrivacyTest {

    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/slack-plain")).willReturn(ok()));
        receiver.stubFor(post(urlPathEqualTo("/slack-links")).willReturn(ok()));
        receiver.stubFor(post(urlPathEqualTo("/teams-plain")).willReturn(ok()));
        receiver.stubFor(post(urlPathEqualTo("/teams-excerpt")).willReturn(ok()));
        receiver.stubFor(
                post(urlPathEqualTo("/pd-plain"))
                        .willReturn(
                                aResponse()
                                        .withStatus(202)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody("{\"status\":\"success\"}")));
        receiver.stubFor(post(urlPathEqualTo("/hook-plain")).willReturn(ok()));
        receiver.stubFor(post(urlPathEqualTo("/hook-full")).willReturn(ok()));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withBody("ok");
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void onlyAChannelAllowedToGetsThePostUrlOrTheExcerpt() {
        var channels = new ArrayList<String>();
        try {
            var slackPlain = slack("slack plain", "/slack-plain", null, null);
            var slackLinks = slack("slack links", "/slack-links", true, null);
            var teamsPlain = teams("teams plain", "/teams-plain", null);
            var teamsExcerpt = teams("teams excerpt", "/teams-excerpt", true);
            var pdPlain =
                    Channels.create(
                            Map.of(
                                    "name",
                                    "pd plain",
                                    "type",
                                    "PAGERDUTY",
                                    "endpoint",
                                    receiver.baseUrl() + "/pd-plain",
                                    "secrets",
                                    Map.of("routingKey", "R0UTINGKEY0123456789")));
            var hookPlain = webhook("hook plain", "/hook-plain", null, null);
            var hookFull = webhook("hook full", "/hook-full", true, true);
            channels.addAll(
                    List.of(
                            slackPlain,
                            slackLinks,
                            teamsPlain,
                            teamsExcerpt,
                            pdPlain,
                            hookPlain,
                            hookFull));
            var shown = Api.asAdmin().get("/api/channels/" + hookFull).then().statusCode(200);
            shown.body("allowPostLinks", org.hamcrest.Matchers.is(true))
                    .body("includeExcerpt", org.hamcrest.Matchers.is(true));
            Api.asAdmin()
                    .get("/api/channels/" + slackPlain)
                    .then()
                    .body("allowPostLinks", org.hamcrest.Matchers.is(false))
                    .body("includeExcerpt", org.hamcrest.Matchers.is(false));

            // The settings are audited with the change.
            var audit =
                    Api.asAdmin()
                            .queryParam("action", "channel.create")
                            .queryParam("size", 500)
                            .get("/api/audit")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            assertThat(audit.getString("items.find { it.target == '" + hookFull + "' }.detail"))
                    .contains("post links allowed, excerpts on");
            assertThat(audit.getString("items.find { it.target == '" + slackPlain + "' }.detail"))
                    .doesNotContain("post links");

            var brand = ScoredMentions.uniqueBrand();
            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            var incident =
                    Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised")).get(0);
            var mentionId = raised.get("samples").get(0).get("mentionId").asText();
            var url = raised.get("samples").get(0).get("url").asText();
            assertThat(url).contains("/@someone/");
            // alerts.v1 carries the link as before, never the excerpt.
            assertThat(raised.get("samples").get(0).has("excerpt")).isFalse();
            for (var channel : channels) {
                Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "DELIVERED"));
            }
            var dashboard = raised.get("dashboardUrl").asText();

            for (var path : List.of("/slack-plain", "/teams-plain", "/pd-plain", "/hook-plain")) {
                var body = body(path);
                assertThat(body)
                        .as(path)
                        .contains(dashboard)
                        .doesNotContain(url)
                        .doesNotContain("@someone")
                        .doesNotContain("leaked online");
            }
            assertThat(body("/hook-plain")).contains(mentionId);
            assertThat(body("/pd-plain")).contains(mentionId);

            assertThat(body("/slack-links"))
                    .contains(dashboard)
                    .contains(url)
                    .doesNotContain("leaked online");
            assertThat(body("/teams-excerpt"))
                    .contains(dashboard)
                    .contains("leaked online")
                    .doesNotContain(url);
            var full = Channels.json(body("/hook-full"));
            assertThat(full.get("samples").get(0).get("url").asText()).isEqualTo(url);
            assertThat(full.get("samples").get(0).get("excerpt").asText())
                    .isEqualTo(Scenario.BREACH);
            assertThat(full.get("dashboardUrl").asText()).isEqualTo(dashboard);
        } finally {
            channels.forEach(Channels::delete);
        }
    }

    private static String body(String path) {
        var requests = receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).as(path).isNotEmpty();
        return requests.get(requests.size() - 1).getBodyAsString();
    }

    private static String slack(String name, String path, Boolean links, Boolean excerpt) {
        return Channels.create(
                settings(
                        Map.of(
                                "name",
                                name,
                                "type",
                                "SLACK",
                                "secrets",
                                Map.of("url", receiver.baseUrl() + path)),
                        links,
                        excerpt));
    }

    private static String teams(String name, String path, Boolean excerpt) {
        return Channels.create(
                settings(
                        Map.of(
                                "name",
                                name,
                                "type",
                                "TEAMS",
                                "secrets",
                                Map.of("url", receiver.baseUrl() + path)),
                        null,
                        excerpt));
    }

    private static String webhook(String name, String path, Boolean links, Boolean excerpt) {
        return Channels.create(
                settings(
                        Map.of(
                                "name",
                                name,
                                "type",
                                "WEBHOOK",
                                "secrets",
                                Map.of(
                                        "url",
                                        receiver.baseUrl() + path,
                                        "signingKey",
                                        "whsec-privacy-0123456789")),
                        links,
                        excerpt));
    }

    private static Map<String, Object> settings(
            Map<String, Object> base, Boolean links, Boolean excerpt) {
        var body = new HashMap<>(base);
        if (links != null) {
            body.put("allowPostLinks", links);
        }
        if (excerpt != null) {
            body.put("includeExcerpt", excerpt);
        }
        return body;
    }
}
