package org.caresignal.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.ingest.domain.BrandMatcher.BrandMatch;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.source.RoutedPost;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.SourceFixtures.NewsItem;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A post naming two health systems, through the real broker and database: a polled page (RSS
 * against WireMock) and a stream (file replay) each publish one MentionIngested per brand, the
 * first brand keeping the post's own id; seeing the post again, through another connector or a
 * replayed line, publishes nothing, not even for a brand created since; a stream's batch mixing
 * new, repeated, unmatched and brand-named posts is taken at once with each post's due; the webhook
 * stays one event for the brand it names; and a failure on the second brand leaves no trace of the
 * first.
 */
@QuarkusTest
class MultiBrandMentionTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "mentions.ingested.v1";
    private static WireMockServer wiremock;
    private static Path dir;

    @Inject SourcePoller poller;
    @Inject MentionIntakeService intake;
    @Inject SourcePostIntake pages;
    @Inject EntityManager em;

    @BeforeAll
    static void start() throws Exception {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
        // The test profile's replay directory is java.io.tmpdir.
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "multi");
    }

    @AfterAll
    static void stop() throws Exception {
        if (wiremock != null) {
            wiremock.stop();
        }
        try (var files = Files.walk(dir)) {
            for (var p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Two health systems watching their own hospital, with a tag unique to the test so that no
     * other test's brand matches its posts; "mercy-…" sorts before "stlukes-…".
     */
    private record Systems(String tag, String mercy, String lukes) {
        static Systems create() {
            var u = SourceFixtures.unique("");
            var s = new Systems("Er" + u, "mercy-" + u, "stlukes-" + u);
            brand(s.mercy, "\"Mercy Valley\" AND #" + s.tag, "mercy-valley", "Mercy Valley");
            brand(
                    s.lukes,
                    "\"St. Luke's\" AND #" + s.tag,
                    "st-lukes-riverbend",
                    "St. Luke's Riverbend");
            return s;
        }

        String bothText() {
            return "Mercy Valley made us wait 6 hours, St. Luke's Riverbend saw us in 20 minutes #"
                    + tag;
        }

        /** A brand created later that also watches Mercy Valley; sorts after "mercy-…". */
        String later() {
            var id = "vista-" + mercy.substring("mercy-".length());
            brand(id, "\"Mercy Valley\" AND #" + tag, null, null);
            return id;
        }
    }

    private static void brand(String id, String query, String facilityId, String facilityName) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("name", "Health system " + id);
        body.put("watchQuery", query);
        var facilities = new ArrayList<Map<String, Object>>();
        if (facilityId != null) {
            var f = new LinkedHashMap<String, Object>();
            f.put("id", facilityId);
            f.put("name", facilityName);
            f.put("aliases", List.of());
            f.put("timeZone", "America/Chicago");
            facilities.add(f);
        }
        body.put("facilities", facilities);
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(201);
    }

    private String rssConnector(String brand, List<NewsItem> items) {
        var connector = SourceFixtures.unique("news-");
        var path = "/rss/search/" + connector;
        wiremock.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/xml")
                                        .withBody(SourceFixtures.googleNewsFeed(items))));
        SourceFixtures.connector(
                connector, "rss", brand, wiremock.baseUrl() + path + "?q=x", null, null);
        return connector;
    }

    /**
     * The post's rows in ingested_mention, by brand: {brand_id, facility_id, mention_id, post_id}.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String source, String externalId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                em.createNativeQuery(
                                                "select brand_id, facility_id, mention_id, post_id"
                                                        + " from ingested_mention where source = ?1"
                                                        + " and external_id = ?2 order by brand_id")
                                        .setParameter(1, source)
                                        .setParameter(2, externalId)
                                        .getResultList());
    }

    /** Waits until the relay has sent (and deleted) every outbox row keyed by these brands. */
    private void awaitRelayed(String... brands) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(List.of(brands)) == 0);
    }

    private long pending(List<String> brands) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                ((Number)
                                                em.createNativeQuery(
                                                                "select count(*) from outbox_event"
                                                                        + " where record_key in"
                                                                        + " (:brands)")
                                                        .setParameter("brands", brands)
                                                        .getSingleResult())
                                        .longValue());
    }

    /** Every MentionIngested of this post on the topic so far, by brand. */
    private static List<JsonNode> events(String source, String externalId) throws Exception {
        var out = new ArrayList<JsonNode>();
        for (var r :
                KafkaTestClient.readAll(
                        TOPIC,
                        r ->
                                r.value().contains("\"" + externalId + "\"")
                                        && r.value().contains("\"" + source + "\""))) {
            var n = JSON.readTree(r.value());
            assertThat(n.get("brandId").asText()).isEqualTo(r.key());
            if (n.get("source").asText().equals(source)
                    && n.get("externalId").asText().equals(externalId)) {
                out.add(n);
            }
        }
        out.sort(java.util.Comparator.comparing(n -> n.get("brandId").asText()));
        return out;
    }

    private static void assertOneEventPerBrand(
            List<JsonNode> events, Systems s, String source, String externalId) {
        assertThat(events)
                .extracting(n -> n.get("brandId").asText())
                .containsExactly(s.mercy(), s.lukes());
        var first = events.get(0);
        var second = events.get(1);
        assertThat(first.get("mentionId").asText())
                .isEqualTo(MentionIds.of(source, externalId).toString());
        assertThat(second.get("mentionId").asText())
                .isEqualTo(MentionIds.ofAdditionalBrand(source, externalId, s.lukes()).toString())
                .isNotEqualTo(first.get("mentionId").asText());
        assertThat(first.get("facilityId").asText()).isEqualTo("mercy-valley");
        assertThat(second.get("facilityId").asText()).isEqualTo("st-lukes-riverbend");
        assertThat(first.get("eventId").asText()).isNotEqualTo(second.get("eventId").asText());
        assertThat(second.get("text").asText()).isEqualTo(first.get("text").asText());
    }

    @Test
    void aPolledPostNamingTwoBrandsIsOneMentionEachAndSeeingItAgainPublishesNothing()
            throws Exception {
        var s = Systems.create();
        var guid = SourceFixtures.unique("CBMi");
        var first =
                rssConnector(
                        s.mercy(),
                        List.of(new NewsItem(guid, s.bothText(), "Sat, 01 Aug 2026 09:15:00 GMT")));

        assertThat(poller.pollNow(first)).isTrue();
        awaitRelayed(s.mercy(), s.lukes());

        assertOneEventPerBrand(events("rss", guid), s, "rss", guid);
        var rows = rows("rss", guid);
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> assertThat(r[3]).isEqualTo(MentionIds.of("rss", guid)));
        Api.asViewer()
                .get("/api/sources/" + first)
                .then()
                .body("health.mentionsLastHour", equalTo(2));

        // A brand created since and another connector seeing the same post: the post was
        // decided at its first sighting, so nothing is published for it, while a new post
        // reaches the new brand.
        var later = s.later();
        var fresh = SourceFixtures.unique("CBMi");
        var second =
                rssConnector(
                        s.mercy(),
                        List.of(
                                new NewsItem(
                                        fresh,
                                        "Mercy Valley parking was easy today #" + s.tag(),
                                        "Sat, 01 Aug 2026 10:00:00 GMT"),
                                new NewsItem(guid, s.bothText(), "Sat, 01 Aug 2026 09:15:00 GMT")));

        assertThat(poller.pollNow(second)).isTrue();
        awaitRelayed(s.mercy(), s.lukes(), later);

        assertOneEventPerBrand(events("rss", guid), s, "rss", guid);
        assertThat(rows("rss", guid)).hasSize(2);
        assertThat(events("rss", fresh))
                .extracting(n -> n.get("brandId").asText())
                .containsExactly(s.mercy(), later);
        Api.asViewer()
                .get("/api/sources/" + second)
                .then()
                .body("health.mentionsLastHour", equalTo(2));
        Api.asAdmin().delete("/api/sources/" + first).then().statusCode(204);
        Api.asAdmin().delete("/api/sources/" + second).then().statusCode(204);
    }

    private static String line(String source, String id, String text) throws Exception {
        var m = new LinkedHashMap<String, Object>();
        m.put("source", source);
        m.put("externalId", id);
        m.put("text", text);
        return JSON.writeValueAsString(m) + "\n";
    }

    @Test
    void aReplayedPostNamingTwoBrandsIsOneMentionEachAndReplayingItAgainPublishesNothing()
            throws Exception {
        var s = Systems.create();
        var source = SourceFixtures.unique("replay-");
        var file = dir.resolve(SourceFixtures.unique("posts") + ".jsonl");
        Files.writeString(file, line(source, "j-1", s.bothText()), StandardCharsets.UTF_8);
        var connector = SourceFixtures.unique("file-");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", connector);
        body.put("kind", "file");
        body.put("brandId", s.mercy());
        body.put("url", dir.getFileName() + "/" + file.getFileName());
        body.put("query", "rate=max");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(source, "j-1").size() == 2);
        awaitRelayed(s.mercy(), s.lukes());
        assertOneEventPerBrand(events(source, "j-1"), s, source, "j-1");

        var later = s.later();
        Files.writeString(
                file,
                line(source, "j-1", s.bothText())
                        + line(source, "j-2", "Mercy Valley parking was easy #" + s.tag()),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(source, "j-2").size() == 2);
        awaitRelayed(s.mercy(), s.lukes(), later);
        assertOneEventPerBrand(events(source, "j-1"), s, source, "j-1");
        assertThat(rows(source, "j-1")).hasSize(2);
        assertThat(events(source, "j-2"))
                .extracting(n -> n.get("brandId").asText())
                .containsExactly(s.mercy(), later);
        // j-1 once and j-2: the replayed j-1 was a duplicate, not a third multi-brand post.
        assertThat(Management.given().get("/q/metrics").then().extract().asString())
                .contains(
                        "caresignal_mentions_multibrand_total{source=\"" + source + "\"} 2.0",
                        "caresignal_mentions_duplicates_total{source=\"" + source + "\"} 1.0");
        Api.asAdmin().delete("/api/sources/" + connector).then().statusCode(204);
    }

    @Test
    void aStreamBatchOfEveryKindOfPostIsTakenAtOnceAndEachPostGetsItsDue() throws Exception {
        var s = Systems.create();
        var source = SourceFixtures.unique("batch-");
        var tag = " #" + s.tag();
        // Seen in an earlier batch: a duplicate in the next one.
        var earlier =
                pages.commitRouted(
                        "no-such-connector",
                        List.of(routed(source, null, "seen", "Mercy Valley parking" + tag)),
                        "cursor-1");
        assertThat(earlier).isEqualTo(new SourcePostIntake.PageResult(1, 0, 0));

        var result =
                pages.commitRouted(
                        "no-such-connector",
                        List.of(
                                routed(source, null, "both", s.bothText()),
                                routed(source, null, "mercy", "Mercy Valley was kind" + tag),
                                routed(source, null, "both", s.bothText()),
                                routed(source, null, "seen", "Mercy Valley parking" + tag),
                                routed(source, null, "nobody", "A hospital somewhere" + tag),
                                // The source names the brand: that one only, whatever the text.
                                routed(source, s.lukes(), "named", "Mercy Valley again" + tag),
                                routed(source, null, "blank", "  ")),
                        "cursor-2");

        // both: two brands; mercy and named: one each. The second "both" and "seen": duplicates.
        assertThat(result).isEqualTo(new SourcePostIntake.PageResult(4, 2, 2));
        assertThat(rows(source, "both"))
                .extracting(r -> (String) r[0])
                .containsExactly(s.mercy(), s.lukes());
        assertThat(rows(source, "mercy")).extracting(r -> (String) r[0]).containsExactly(s.mercy());
        assertThat(rows(source, "named")).extracting(r -> (String) r[0]).containsExactly(s.lukes());
        assertThat(rows(source, "seen")).hasSize(1);
        assertThat(rows(source, "nobody")).isEmpty();
        assertThat(rows(source, "blank")).isEmpty();
        awaitRelayed(s.mercy(), s.lukes());
        assertOneEventPerBrand(events(source, "both"), s, source, "both");
        assertThat(events(source, "mercy")).hasSize(1);
        assertThat(events(source, "seen")).hasSize(1);
    }

    private static RoutedPost routed(String source, String brand, String id, String text) {
        return new RoutedPost(
                source, brand, null, new FetchedPost(id, null, text, null, "@someone", null));
    }

    @Test
    void aWebhookPostNamesItsBrandSoItStaysOneEvent() throws Exception {
        var s = Systems.create();
        var externalId = "post-" + UUID.randomUUID();
        var body = new LinkedHashMap<String, Object>();
        body.put("brandId", s.lukes());
        body.put("source", "webhook");
        body.put("externalId", externalId);
        body.put("text", s.bothText());
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(202)
                .body("mentionId", equalTo(MentionIds.of("webhook", externalId).toString()));
        awaitRelayed(s.mercy(), s.lukes());

        assertThat(events("webhook", externalId))
                .extracting(n -> n.get("brandId").asText())
                .containsExactly(s.lukes());
    }

    @Test
    void aFailureOnTheSecondBrandLeavesNoMentionOfThePostAtAll() throws Exception {
        var s = Systems.create();
        var externalId = SourceFixtures.unique("post-");
        var post =
                new NewMention(
                        s.mercy(), null, "rss", externalId, null, s.bothText(), null, null, null);
        // Longer than brand_id's 64 characters and after "mercy-…": the database refuses the
        // second row, after the first row and its outbox row were written.
        var refused = "z".repeat(65);

        assertThatThrownBy(
                        () ->
                                intake.accept(
                                        post,
                                        List.of(
                                                new BrandMatch(s.mercy(), "mercy-valley"),
                                                new BrandMatch(refused, null))))
                .isInstanceOf(RuntimeException.class);
        assertThat(rows("rss", externalId)).isEmpty();

        // Not a duplicate: nothing of the failed attempt was kept.
        var accepted =
                intake.accept(
                        post,
                        List.of(
                                new BrandMatch(s.lukes(), "st-lukes-riverbend"),
                                new BrandMatch(s.mercy(), "mercy-valley")));
        assertThat(accepted.duplicate()).isFalse();
        assertThat(accepted.published())
                .containsExactly(
                        MentionIds.of("rss", externalId),
                        MentionIds.ofAdditionalBrand("rss", externalId, s.lukes()));
        awaitRelayed(s.mercy(), s.lukes());
        assertOneEventPerBrand(events("rss", externalId), s, "rss", externalId);
    }
}
