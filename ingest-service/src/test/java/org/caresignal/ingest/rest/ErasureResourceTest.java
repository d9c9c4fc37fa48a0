package org.caresignal.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Erasures;
import org.caresignal.ingest.support.GoldenShape;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.SentimentStub;
import org.caresignal.ingest.support.TestStack;
import org.caresignal.ingest.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Erasure on request through the real database and broker: a dry run counts and changes nothing; an
 * erasure blanks the mention, publishes MentionErased in the golden shape, is audited without the
 * URL, and the same post pushed again (single or in a batch) is refused as erased; a phrase is
 * matched by sentiment-service (WireMock) with the admin's own token; too many matches, a malformed
 * request and an unreachable sentiment-service are problem+json.
 */
@QuarkusTest
class ErasureResourceTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject EntityManager em;

    @Test
    void aDryRunCountsAndAnErasureByUrlBlanksPublishesAuditsAndRefusesThePostAfterwards()
            throws Exception {
        var brand = Mentions.uniqueBrand();
        var url = "https://social.example/@patient/" + UUID.randomUUID();
        var erased = Mentions.valid(brand);
        erased.put("url", url);
        var kept = Mentions.valid(brand);
        var erasedId = accept(erased);
        var keptId = accept(kept);

        // The host's case and surrounding blanks do not matter; the path's does.
        assertThat(row(erasedId)[2]).as("a new mention's url_hash").isNotNull();
        var asked = " " + url.replace("social.example", "Social.EXAMPLE") + " ";
        long erasuresBefore = count("select count(*) from erasure");
        long identitiesBefore = count("select count(*) from erased_identity");
        Erasures.post(Erasures.dryRun(Erasures.byUrl(asked)))
                .statusCode(200)
                .body("matches", org.hamcrest.Matchers.equalTo(1));
        assertThat(externalIdOf(erasedId)).isEqualTo(erased.get("externalId"));
        assertThat(count("select count(*) from erasure")).isEqualTo(erasuresBefore);
        assertThat(count("select count(*) from erased_identity")).isEqualTo(identitiesBefore);

        var response =
                Erasures.post(Erasures.byUrl(asked))
                        .statusCode(202)
                        .header("Location", containsString("/api/erasures/"))
                        .body("by", org.hamcrest.Matchers.equalTo("URL"))
                        .body("mentions", org.hamcrest.Matchers.equalTo(1))
                        .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                        .body("requestedBy", org.hamcrest.Matchers.equalTo("test-admin"))
                        .body(
                                "services.service",
                                org.hamcrest.Matchers.contains(
                                        "ingest-service", "sentiment-service", "alert-service"))
                        .extract()
                        .asString();
        assertThat(response).doesNotContain(url).doesNotContain("patient");
        var erasureId = JSON.readTree(response).get("id").asText();

        // The row stays, without its identifiers; the other post is untouched.
        var row = row(erasedId);
        assertThat(row[0]).isNull();
        assertThat(row[1]).isNull();
        assertThat(row[2]).as("url_hash").isNull();
        assertThat(externalIdOf(keptId)).isEqualTo(kept.get("externalId"));

        var published =
                KafkaTestClient.readUntil(
                        "mentions.erased.v1",
                        r -> erasureId.equals(r.key()),
                        r -> erasureId.equals(r.key()));
        assertThat(published).hasSize(1);
        var event = JSON.readTree(published.get(0).value());
        GoldenShape.assertMatches(event, "MentionErased", java.util.Set.of());
        var golden = GoldenShape.golden("MentionErased");
        assertThat(GoldenShape.shape(event.get("mentions").get(0)))
                .isEqualTo(GoldenShape.shape(golden.get("mentions").get(0)));
        assertThat(event.get("reason").asText()).isEqualTo("REQUEST");
        assertThat(event.get("mentions").get(0).get("mentionId").asText()).isEqualTo(erasedId);
        assertThat(event.get("mentions").get(0).get("brandId").asText()).isEqualTo(brand);
        assertThat(published.get(0).value()).doesNotContain(url).doesNotContain("social.example");

        // Audited with the id, kind and count; never the URL.
        var audit =
                Api.asAdmin()
                        .get("/api/audit?action=erasure.create")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(audit).contains(erasureId).contains("kind=URL mentions=1").doesNotContain(url);
        assertThat(
                        Api.asAdmin()
                                .get("/api/audit?action=erasure.preview")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                .contains("matches=1")
                .doesNotContain(url);

        // Pushed again: refused, saying nothing of the post.
        var again =
                Integrations.webhook()
                        .body(erased)
                        .post("/api/mentions")
                        .then()
                        .statusCode(409)
                        .contentType("application/problem+json")
                        .body("detail", containsString("erased"))
                        .extract()
                        .asString();
        assertThat(again).doesNotContain(url).doesNotContain((String) erased.get("externalId"));
        // Another post at the same URL (a different id) is refused by its URL.
        var sameUrl = Mentions.valid(brand);
        sameUrl.put("url", url);
        Integrations.webhook()
                .body(Map.of("mentions", List.of(sameUrl, Mentions.valid(brand))))
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("erased", org.hamcrest.Matchers.equalTo(1))
                .body("accepted", org.hamcrest.Matchers.equalTo(1))
                .body("results[0].status", org.hamcrest.Matchers.equalTo("erased"))
                .body("results[1].status", org.hamcrest.Matchers.equalTo("accepted"));
        assertThat(count("select count(*) from ingested_mention where brand_id = '" + brand + "'"))
                .isEqualTo(3);
        assertThat(Management.metrics())
                .contains("caresignal_erased_refused_total{source=\"webhook\"}");

        Api.asAdmin()
                .get("/api/erasures/" + erasureId)
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(erasureId))
                .body("mentions", org.hamcrest.Matchers.equalTo(1));
        Api.asAdmin()
                .get("/api/erasures")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(erasureId));
    }

    @Test
    void anErasureOfAPostNotYetSeenIsCompleteAtOnceAndRefusesThePostWhenItComes() {
        var brand = Mentions.uniqueBrand();
        var future = Mentions.valid(brand);

        Erasures.post(Erasures.byPost("webhook", (String) future.get("externalId")))
                .statusCode(202)
                .body("mentions", org.hamcrest.Matchers.equalTo(0))
                .body("status", org.hamcrest.Matchers.equalTo("CONFIRMED"));

        Integrations.webhook().body(future).post("/api/mentions").then().statusCode(409);
        assertThat(count("select count(*) from ingested_mention where brand_id = '" + brand + "'"))
                .isZero();
    }

    @Test
    void anErasureByPhraseAsksSentimentServiceWithTheAdminsOwnToken() {
        var brand = Mentions.uniqueBrand();
        var first = accept(Mentions.valid(brand));
        var second = accept(Mentions.valid(brand));
        var untouched = accept(Mentions.valid(brand));
        var token = Tokens.of("phrase-admin", "admin");
        var stub = SentimentStub.client();
        stub.register(
                post(urlEqualTo("/api/erasure-matches"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"brandId\":\""
                                                + brand
                                                + "\",\"phrase\":\"my mother Jane\"}",
                                        true,
                                        true))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"mentionIds\":[\""
                                                        + first
                                                        + "\",\""
                                                        + second
                                                        + "\"],\"count\":2}")));
        var body =
                Erasures.byPhrase(
                        brand, "my mother Jane", "2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z");

        Api.as(token)
                .contentType("application/json")
                .body(Erasures.dryRun(body))
                .post("/api/erasures")
                .then()
                .statusCode(200)
                .body("matches", org.hamcrest.Matchers.equalTo(2));
        assertThat(row(first)[0]).isNotNull();

        Api.as(token)
                .contentType("application/json")
                .body(body)
                .post("/api/erasures")
                .then()
                .statusCode(202)
                .body("mentions", org.hamcrest.Matchers.equalTo(2))
                .body(not(containsString("Jane")));

        stub.verifyThat(
                postRequestedFor(urlEqualTo("/api/erasure-matches"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .withRequestBody(
                                equalToJson(
                                        "{\"brandId\":\""
                                                + brand
                                                + "\",\"phrase\":\"my mother Jane\",\"from\":"
                                                + "\"2026-01-01T00:00:00Z\",\"to\":"
                                                + "\"2026-12-01T00:00:00Z\"}",
                                        true,
                                        true)));
        assertThat(row(first)[0]).isNull();
        assertThat(row(second)[0]).isNull();
        assertThat(row(untouched)[0]).isNotNull();
    }

    @Test
    void moreThanTenThousandMatchesAre422AndNothingIsErased() {
        var brand = Mentions.uniqueBrand();
        var ids = new ArrayList<String>();
        IntStream.range(0, 10_001).forEach(i -> ids.add("\"" + UUID.randomUUID() + "\""));
        SentimentStub.client()
                .register(
                        post(urlEqualTo("/api/erasure-matches"))
                                .withRequestBody(containing(brand))
                                .willReturn(
                                        aResponse()
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"mentionIds\":["
                                                                + String.join(",", ids)
                                                                + "],\"count\":10001}")));
        long before = count("select count(*) from erasure");

        Erasures.post(
                        Erasures.byPhrase(
                                brand,
                                "a common phrase",
                                "2026-01-01T00:00:00Z",
                                "2026-02-01T00:00:00Z"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("narrow"));
        assertThat(count("select count(*) from erasure")).isEqualTo(before);
    }

    @Test
    void sentimentServiceNotAnsweringIs503AndNothingIsErased() {
        var brand = Mentions.uniqueBrand();
        var mention = accept(Mentions.valid(brand));
        SentimentStub.client()
                .register(
                        post(urlEqualTo("/api/erasure-matches"))
                                .withRequestBody(containing(brand))
                                .willReturn(aResponse().withStatus(500)));

        Erasures.post(
                        Erasures.byPhrase(
                                brand,
                                "waited 6 hours",
                                "2026-01-01T00:00:00Z",
                                "2026-12-01T00:00:00Z"))
                .statusCode(503)
                .contentType("application/problem+json");
        assertThat(row(mention)[0]).isNotNull();
    }

    @Test
    void malformedRequestsAre400WithTheirViolationsAndNeverEchoTheValue() {
        Erasures.post(Map.of()).statusCode(400).body("violations.field", hasItem("by"));
        Erasures.post(Map.of("by", "EVERYTHING"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("by"));
        Erasures.post(Map.of("by", "URL")).statusCode(400).body("violations.field", hasItem("url"));
        Erasures.post(Map.of("by", "POST", "source", "webhook"))
                .statusCode(400)
                .body("violations.field", hasItem("externalId"));
        Erasures.post(Map.of("by", "AUTHOR", "handle", "@jane"))
                .statusCode(400)
                .body("violations.field", hasItem("source"));
        var shortPhrase =
                Erasures.post(
                                Erasures.byPhrase(
                                        "b", "Jo", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                        .statusCode(400)
                        .body("violations.field", hasItem("phrase"))
                        .extract()
                        .asString();
        assertThat(shortPhrase).doesNotContain("\"Jo\"");
        Erasures.post(
                        Erasures.byPhrase(
                                "b", "a phrase", "2025-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .statusCode(400)
                .body("violations.field", hasItem("to"));
        Erasures.post(
                        Erasures.byPhrase(
                                "b", "a phrase", "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"))
                .statusCode(400)
                .body("violations.field", hasItem("to"));
        Erasures.post(Map.of("by", "PHRASE", "brandId", "b", "phrase", "abc", "from", "not a time"))
                .statusCode(400)
                .contentType("application/problem+json");
        Api.asAdmin().get("/api/erasures/" + UUID.randomUUID()).then().statusCode(404);
        Api.asAdmin().get("/api/erasures?size=0").then().statusCode(400);
        Api.asViewer()
                .contentType("application/json")
                .body(Erasures.byUrl("https://x.example/1"))
                .post("/api/erasures")
                .then()
                .statusCode(403);
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(
            String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.containing(value);
    }

    private static String accept(Map<String, Object> mention) {
        return Integrations.webhook()
                .body(mention)
                .post("/api/mentions")
                .then()
                .statusCode(202)
                .extract()
                .path("mentionId");
    }

    private String externalIdOf(String mentionId) {
        return (String) row(mentionId)[0];
    }

    /** external_id, author_pseudonym, url_hash of a mention. */
    private Object[] row(String mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (Object[])
                                        em.createNativeQuery(
                                                        "select external_id, author_pseudonym,"
                                                                + " url_hash from ingested_mention"
                                                                + " where mention_id = ?1")
                                                .setParameter(1, UUID.fromString(mentionId))
                                                .getSingleResult());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
