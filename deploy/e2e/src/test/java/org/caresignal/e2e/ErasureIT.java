package org.caresignal.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of erasure on request (issue 11): a mention pushed through the webhook is
 * scored, counted, cited in a critical-post incident and sent, link included, to a webhook channel
 * allowed to carry post links; an admin erases it by its URL. Within a minute no API answer, CSV
 * export, table column of the three databases or notification sent afterwards holds its text, URL,
 * external id, the handle inside the URL or its author pseudonym (the dashboard's incident page
 * included); the counts are what they were; the webhook and the file connector refuse it (and
 * another post with its URL) as erased; the erasure report shows ingest-, sentiment- and
 * alert-service confirmed, and the delivery that carried the link.
 */
class ErasureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSED_METRIC = "caresignal_erased_refused_total";

    private static E2eSystem e2e;
    private static Api api;
    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
        api = e2e.api;
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(
                post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void anErasedMentionLeavesNoTraceButItsCountsAndIsRefusedWhenItComesBack() throws Exception {
        var brand = Incidents.uniqueBrand("erase");
        var hook = "/hooks/" + brand;
        var channelId = webhookChannel(brand, hook);
        route(brand, channelId);
        var word = "codeword" + letters(10);
        api.addCriticalPostRule("e2e-" + word, word);

        // What must disappear: the text (a word made for it, no name a redactor would touch), the
        // external id, the URL and the handle it carries. The codeword stays in the rule.
        var token = "zq" + letters(10);
        var handle = "jd" + letters(8);
        var externalId = "post-" + UUID.randomUUID();
        var url = "https://social.example/@" + handle + "/" + externalId.substring(5);
        var text =
                "terrible night in the emergency room, nobody helped my mother for hours "
                        + token
                        + " "
                        + word;
        var publishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var mentionId = api.postMention(brand, externalId, url, text, publishedAt);

        // Scored, counted, cited by an incident, and sent with its link.
        var stored =
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> sentimentMention(mentionId), m -> m != null);
        assertThat(stored.path("url").asText()).isEqualTo(url);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.totalCount(brand)).isEqualTo(1));
        var incidentId =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> api.newestIncident(brand), id -> id != null);
        assertThat(incidentAsAnalyst(incidentId)).contains(mentionId).contains(url);
        // The dashboard shows an analyst the sample's link.
        var dashboard = DashboardBrowser.signedIn(e2e, "analyst");
        assertThat(dashboardPage(dashboard, incidentId)).contains(mentionId).contains(url);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(received(hook))
                                        .anySatisfy(body -> assertThat(body).contains(url)));

        var needles = new ArrayList<>(List.of(url, externalId, handle, token));
        var storedText = stored.path("text").asText(null);
        assertThat(storedText).as("the text as sentiment-service stored it").contains(token);
        needles.add(storedText);
        var pseudonym = ingestPseudonym(mentionId);
        if (pseudonym != null) {
            // Webhook posts carry no author; a connector's would.
            needles.add(pseudonym);
        }
        // The scan finds them while they are there, so its silence later means something.
        var before = DatabaseScan.find(e2e.stack, needles);
        assertThat(before).anyMatch(hit -> hit.startsWith("ingest."));
        assertThat(before).anyMatch(hit -> hit.startsWith("sentiment."));
        assertThat(before).anyMatch(hit -> hit.startsWith("alert."));
        assertThat(searchByWord(brand, word)).contains(mentionId).contains(url);

        var statsBefore = alertTotals(brand);
        var historyBefore = sentimentHistory(brand, publishedAt);
        int sentBefore = received(hook).size();

        // The admin erases it by URL.
        var created =
                api.post(
                        e2e.system.ingestUrl() + "/api/erasures",
                        "admin",
                        JSON.writeValueAsString(Map.of("by", "URL", "url", url)));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        var erasureId = created.json().path("id").asText();
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/erasures/" + erasureId));
        assertNoNeedle("the erasure's answer", created.body(), needles);

        // Within a minute all three services have confirmed, and nothing holds it any more.
        var report =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> erasureReport(erasureId),
                                r -> "CONFIRMED".equals(r.path("status").asText()));
        assertThat(report.path("by").asText()).isEqualTo("URL");
        assertThat(report.path("requestedBy").asText()).isEqualTo("demo-admin");
        assertThat(report.path("mentions").asInt()).isEqualTo(1);
        var confirmed = new LinkedHashMap<String, String>();
        for (var service : report.path("services")) {
            confirmed.put(
                    service.path("service").asText(), service.path("confirmedAt").asText(null));
        }
        assertThat(confirmed)
                .containsOnlyKeys("ingest-service", "sentiment-service", "alert-service");
        assertThat(confirmed.values()).doesNotContainNull();
        // Channels cannot recall what they sent: the report names the delivery that carried the
        // link.
        assertThat(report.path("deliveries").findValuesAsText("channelId")).contains(channelId);
        assertNoNeedle("the erasure report", report.toString(), needles);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            assertThat(DatabaseScan.find(e2e.stack, needles)).isEmpty();
                            for (var answer : apiAnswers(brand, mentionId, incidentId, word)) {
                                assertNoNeedle(answer.getKey(), answer.getValue(), needles);
                            }
                            assertNoNeedle(
                                    "the dashboard's incident page",
                                    dashboardPage(dashboard, incidentId),
                                    needles);
                        });
        // Anonymous, still counted: the incident keeps citing the mention's id, the counts stand.
        assertThat(incidentAsAnalyst(incidentId)).contains(mentionId);
        assertThat(searchByWord(brand, word)).doesNotContain(mentionId);
        assertThat(alertTotals(brand)).isEqualTo(statsBefore);
        assertThat(sentimentHistory(brand, publishedAt)).isEqualTo(historyBefore);
        assertThat(sentimentRows(brand)).isEqualTo(1);

        // A notification made after the erasure (the incident acknowledged) carries none of it.
        var acknowledged =
                api.post(
                        e2e.system.alertUrl() + "/api/incidents/" + incidentId + "/acknowledge",
                        "responder",
                        "{\"note\":\"looking\"}");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(received(hook)).hasSizeGreaterThan(sentBefore));
        var afterwards = received(hook);
        for (var body : afterwards.subList(sentBefore, afterwards.size())) {
            assertNoNeedle("a webhook delivery sent after the erasure", body, needles);
        }
        assertNoNeedle(
                "the delivery log",
                api.get(e2e.system.alertUrl() + "/api/deliveries?incident=" + incidentId, "admin")
                        .body(),
                needles);

        // Pushed again through the webhook, as itself or as another post with its URL: refused.
        double refused = refusedCount();
        var again = api.submitMention(brand, externalId, url, text, publishedAt);
        assertRefusedAsErased(again, needles);
        var sameUrl =
                api.submitMention(brand, "post-" + UUID.randomUUID(), url, text, Instant.now());
        assertRefusedAsErased(sameUrl, needles);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(refusedCount()).isGreaterThanOrEqualTo(refused + 2));

        // Replayed from a file (both again, then a fresh post as a marker): only the marker
        // arrives. Lines of one brand keep their order, so once the marker is scored and counted,
        // the two before it would have been.
        double refusedBeforeReplay = refusedCount();
        var marker = "marker" + letters(10);
        var file = e2e.replayDir.resolve(brand + ".jsonl");
        Files.writeString(
                file,
                replayLine(brand, externalId, url, text, publishedAt)
                        + replayLine(brand, "post-" + UUID.randomUUID(), url, text, publishedAt)
                        + replayLine(
                                brand,
                                "post-" + UUID.randomUUID(),
                                null,
                                "the parking garage had space today " + marker,
                                Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                StandardCharsets.UTF_8);
        var sourceId = "replay-" + brand;
        try {
            var source = new LinkedHashMap<String, Object>();
            source.put("id", sourceId);
            source.put("kind", "file");
            source.put("brandId", brand);
            source.put("url", file.getFileName().toString());
            source.put("query", "rate=max");
            var createdSource =
                    api.post(
                            e2e.system.ingestUrl() + "/api/sources",
                            "admin",
                            JSON.writeValueAsString(source));
            assertThat(createdSource.status()).as(createdSource.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> assertThat(sentimentRowsContaining(brand, marker)).isOne());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(alertTotals(brand).path("total").asLong())
                                            .isEqualTo(statsBefore.path("total").asLong() + 1));
            assertThat(sentimentRows(brand)).isEqualTo(2);
            assertThat(refusedCount()).isGreaterThanOrEqualTo(refusedBeforeReplay + 2);
            assertThat(DatabaseScan.find(e2e.stack, needles)).isEmpty();
        } finally {
            api.delete(e2e.system.ingestUrl() + "/api/sources/" + sourceId, "admin");
        }
    }

    /** A webhook channel allowed to carry post links and excerpts, sending to WireMock. */
    private static String webhookChannel(String brand, String path) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", "erasure " + brand);
        body.put("type", "WEBHOOK");
        body.put("enabled", true);
        body.put(
                "secrets",
                Map.of(
                        "url",
                        "http://127.0.0.1:" + receiver.port() + path,
                        "signingKey",
                        "e2e-signing-key-" + UUID.randomUUID()));
        body.put("allowPostLinks", true);
        body.put("includeExcerpt", true);
        var reply =
                api.post(
                        e2e.system.alertUrl() + "/api/channels",
                        "admin",
                        JSON.writeValueAsString(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("allowPostLinks").asBoolean())
                .as("the channel keeps allowPostLinks: " + reply.body())
                .isTrue();
        return reply.json().path("id").asText();
    }

    /** Routes the brand's critical-post incidents to the channel. */
    private static void route(String brand, String channelId) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", "erasure " + brand);
        body.put("brandId", brand);
        body.put("kinds", List.of("CRITICAL_POST"));
        body.put("channelIds", List.of(channelId));
        var reply =
                api.post(
                        e2e.system.alertUrl() + "/api/routes",
                        "admin",
                        JSON.writeValueAsString(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** The bodies WireMock received on {@code path}, oldest first. */
    private static List<String> received(String path) {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(LoggedRequest::getBodyAsString)
                .toList();
    }

    /** sentiment-service's view of the mention (as an analyst), or null until it is stored. */
    private static JsonNode sentimentMention(String mentionId) {
        var reply = api.get(e2e.system.sentimentUrl() + "/api/mentions/" + mentionId, "analyst");
        return reply.status() == 200 ? reply.json() : null;
    }

    /** The dashboard's page of the incident, as the signed-in user sees it. */
    private static String dashboardPage(DashboardBrowser browser, String incidentId)
            throws Exception {
        var page = browser.get(e2e.system.dashboardUrl() + "/incidents/" + incidentId);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    private static String incidentAsAnalyst(String incidentId) {
        var reply = api.get(e2e.system.alertUrl() + "/api/incidents/" + incidentId, "analyst");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    /** The brand's mentions whose text holds {@code word}, as an analyst searches them. */
    private static String searchByWord(String brand, String word) {
        var reply =
                api.get(
                        e2e.system.sentimentUrl()
                                + "/api/mentions?brand="
                                + brand
                                + "&q="
                                + URLEncoder.encode(word, StandardCharsets.UTF_8),
                        "analyst");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    /** alert-service's totals of the brand (as a viewer sees them). */
    private static JsonNode alertTotals(String brand) {
        var reply = api.get(e2e.system.alertUrl() + "/api/brands/" + brand + "/stats", "viewer");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("totals");
    }

    /** sentiment-service's history buckets around {@code at}, a fixed window. */
    private static JsonNode sentimentHistory(String brand, Instant at) {
        var from = at.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        var reply =
                api.get(
                        e2e.system.sentimentUrl()
                                + "/api/brands/"
                                + brand
                                + "/sentiment?bucket=hour&from="
                                + from
                                + "&to="
                                + from.plus(Duration.ofHours(3)),
                        "analyst");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("buckets");
    }

    /**
     * Every API answer that could show the mention, by what it is: sentiment's mention, search and
     * CSV exports, alert's incident (as the roles that see links) and its list, the incident stream
     * of the brand.
     */
    private static List<Map.Entry<String, String>> apiAnswers(
            String brand, String mentionId, String incidentId, String word) {
        var sentiment = e2e.system.sentimentUrl();
        var alert = e2e.system.alertUrl();
        var answers = new ArrayList<Map.Entry<String, String>>();
        var mention = api.get(sentiment + "/api/mentions/" + mentionId, "analyst");
        assertThat(mention.status()).isIn(200, 404);
        answers.add(Map.entry("GET /api/mentions/{id}", mention.body()));
        answers.add(
                Map.entry(
                        "GET /api/mentions?q=",
                        ok(
                                sentiment
                                        + "/api/mentions?brand="
                                        + brand
                                        + "&q="
                                        + URLEncoder.encode(word, StandardCharsets.UTF_8),
                                "analyst")));
        answers.add(
                Map.entry(
                        "GET /api/mentions (JSON)",
                        ok(sentiment + "/api/mentions?brand=" + brand, "analyst")));
        answers.add(
                Map.entry(
                        "GET /api/mentions CSV export",
                        ok(sentiment + "/api/mentions?format=csv&brand=" + brand, "analyst")));
        answers.add(
                Map.entry(
                        "GET /api/brands/{id}/sentiment CSV",
                        ok(
                                sentiment + "/api/brands/" + brand + "/sentiment?format=csv",
                                "analyst")));
        for (var role : List.of("analyst", "responder", "admin")) {
            answers.add(
                    Map.entry(
                            "GET /api/incidents/{id} as " + role,
                            ok(alert + "/api/incidents/" + incidentId, role)));
        }
        answers.add(
                Map.entry(
                        "GET /api/incidents?brand=",
                        ok(alert + "/api/incidents?brand=" + brand, "analyst")));
        return answers;
    }

    private static String ok(String url, String role) {
        var reply = api.get(url, role);
        assertThat(reply.status()).as(url + ": " + reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static JsonNode erasureReport(String erasureId) {
        var reply = api.get(e2e.system.ingestUrl() + "/api/erasures/" + erasureId, "admin");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void assertRefusedAsErased(Api.Reply reply, List<String> needles) {
        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().toUpperCase(Locale.ROOT)).contains("ERASED");
        assertNoNeedle("the webhook's refusal", reply.body(), needles);
    }

    private static void assertNoNeedle(String what, String body, List<String> needles) {
        for (var needle : needles) {
            assertThat(body).as(what + " holds " + needle).doesNotContain(needle);
        }
    }

    /** ingest-service's {@value #REFUSED_METRIC}, summed over its sources. */
    private static double refusedCount() {
        var ingest = e2e.system.services().get(0);
        var reply = api.get(ingest.managementUrl() + "/q/metrics", null);
        assertThat(reply.status()).isEqualTo(200);
        double sum = 0;
        for (var line : reply.body().split("\n")) {
            if (line.startsWith(REFUSED_METRIC)) {
                // With tracing on, a sample may end in an exemplar ("# {trace_id=...} 1.0 <time>"):
                // the value is the last field before it.
                var sample = line.split(" # ", 2)[0].trim();
                sum += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String replayLine(
            String brand, String externalId, String url, String text, Instant publishedAt)
            throws Exception {
        var line = new LinkedHashMap<String, Object>();
        line.put("source", "webhook");
        line.put("brandId", brand);
        line.put("externalId", externalId);
        if (url != null) {
            line.put("url", url);
        }
        line.put("text", text);
        line.put("publishedAt", publishedAt.toString());
        return JSON.writeValueAsString(line) + "\n";
    }

    /** The author pseudonym ingest-service stored with the mention, or null. */
    private static String ingestPseudonym(String mentionId) throws SQLException {
        try (var connection = connect("ingest");
                var statement =
                        connection.prepareStatement(
                                "select author_pseudonym from ingested_mention"
                                        + " where mention_id = ?")) {
            statement.setObject(1, UUID.fromString(mentionId));
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long sentimentRows(String brand) throws SQLException {
        try (var connection = connect("sentiment");
                var statement =
                        connection.prepareStatement(
                                "select count(*) from scored_mention where brand_id = ?")) {
            statement.setString(1, brand);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long sentimentRowsContaining(String brand, String word) throws SQLException {
        try (var connection = connect("sentiment");
                var statement =
                        connection.prepareStatement(
                                "select count(*) from scored_mention where brand_id = ?"
                                        + " and strpos(text, ?) > 0")) {
            statement.setString(1, brand);
            statement.setString(2, word);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static java.sql.Connection connect(String db) throws SQLException {
        var stack = e2e.stack;
        return DriverManager.getConnection(
                stack.database(db), stack.username(db), stack.password(db));
    }

    private static String letters(int n) {
        var random = ThreadLocalRandom.current();
        var out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }
}
