package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

/**
 * The webhook's limits: unknown brands, facilities and sources are refused per item and leave no
 * trace (no row, no event, no metric label); the body, batch and text caps hold before any work.
 */
@QuarkusTest
class MentionIntakeLimitsTest {

    private static final String TOPIC = "mentions.ingested.v1";

    @Inject EntityManager em;

    @TestHTTPResource("/api/mentions/batch")
    URI batchUrl;

    @Test
    void aMentionForABrandThatDoesNotExistIsRefusedNamingBrandIdAndLeavesNoRow() {
        // The shared key is granted every brand: only the existence check can refuse it.
        var invented = Mentions.unknownBrand();
        Integrations.webhook()
                .body(Mentions.valid(invented))
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("brandId"))
                .body("violations[0].message", containsString("not a brand"));
        assertThat(rowsFor(invented)).isZero();
    }

    @Test
    void aFacilityTheBrandDoesNotHaveIsRefusedNamingFacilityId() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("facilityId", "invented-campus");
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("facilityId"));
    }

    @Test
    void inABatchOnlyTheItemsForUnknownBrandsOrSourcesAreRejectedTheRestAccepted()
            throws Exception {
        var brand = Mentions.uniqueBrand();
        var invented = Mentions.unknownBrand();
        var source = "invented-net-" + Long.toHexString(System.nanoTime());
        var good = Mentions.valid(brand);
        var unknownBrand = Mentions.valid(invented);
        var unknownSource = Mentions.valid(brand);
        unknownSource.put("source", source);
        var unknownFacility = Mentions.valid(brand);
        unknownFacility.put("facilityId", "invented-campus");
        var last = Mentions.valid(brand);

        var response =
                Integrations.webhook()
                        .body(
                                Map.of(
                                        "mentions",
                                        List.of(
                                                good,
                                                unknownBrand,
                                                unknownSource,
                                                unknownFacility,
                                                last)))
                        .post("/api/mentions/batch")
                        .then()
                        .statusCode(200)
                        .body("accepted", equalTo(2))
                        .body("rejected", equalTo(3))
                        .body(
                                "results.status",
                                contains(
                                        "accepted", "rejected", "rejected", "rejected", "accepted"))
                        .body("results[1].violations.field", contains("brandId"))
                        .body("results[2].violations.field", contains("source"))
                        .body(
                                "results[2].violations[0].message",
                                equalTo(
                                        "must be one of webhook, rss, mastodon, reddit, x, bluesky"))
                        .body("results[3].violations.field", contains("facilityId"))
                        .extract();
        String lastId = response.path("results[4].mentionId");
        var records =
                KafkaTestClient.readUntil(
                        TOPIC, r -> brand.equals(r.key()), r -> r.value().contains(lastId));
        assertThat(records).hasSize(2);
        assertThat(rowsFor(invented)).isZero();
        // Neither the invented brand nor the invented source became a metric label.
        var metrics = Management.metrics();
        assertThat(metrics).doesNotContain(invented).doesNotContain(source);
    }

    @Test
    void aRepostOfFromAnUnknownSourceIsNamedByItsPath() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        body.put("repostOf", Map.of("source", "myspace", "externalId", "1"));
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations.field", contains("repostOf.source"));
    }

    @Test
    void everyNetworkAConnectorPollsAndWebhookAreAcceptedAsSources() {
        var brand = Mentions.uniqueBrand();
        for (var source : List.of("webhook", "rss", "mastodon", "reddit", "x", "bluesky")) {
            var body = Mentions.valid(brand);
            body.put("source", source);
            Integrations.webhook().body(body).post("/api/mentions").then().statusCode(202);
        }
        var body = Mentions.valid(brand);
        body.put("source", "file");
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .body("violations.field", contains("source"));
    }

    @Test
    void aTextOverTwentyThousandCharactersIsRefusedAndOnlyTheLengthsAreReported() {
        var body = Mentions.valid(Mentions.uniqueBrand());
        // Also a bad slug and URL: lengths are checked alone first, no pattern runs.
        body.put("text", "a@a.".repeat(5_001));
        body.put("url", "x".repeat(3_000));
        body.put("facilityId", "Not A Slug");
        Integrations.webhook()
                .body(body)
                .post("/api/mentions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("text", "url"));

        var atTheCap = Mentions.valid(Mentions.uniqueBrand());
        atTheCap.put("text", "Waited for hours. ".repeat(1_111) + "xx");
        assertThat(atTheCap.get("text").toString()).hasSize(20_000);
        Integrations.webhook().body(atTheCap).post("/api/mentions").then().statusCode(202);
    }

    @Test
    void aBodyOverTheSizeCapIsA413ProblemBeforeAnythingIsParsed() {
        // 500 items of 5,000 characters: within the batch and text caps, over the 2 MiB body cap.
        var brand = Mentions.uniqueBrand();
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 500; i++) {
            var item = Mentions.valid(brand);
            item.put("text", "The ER was full. ".repeat(294));
            items.add(item);
        }
        Integrations.webhook()
                .body(Map.of("mentions", items))
                .post("/api/mentions/batch")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", equalTo("Payload Too Large"))
                .body("detail", containsString("2097152 bytes"))
                .body(not(containsString("Exception")));
        assertThat(rowsFor(brand)).isZero();
        Integrations.webhook()
                .body(Map.of("mentions", items.subList(0, 2)))
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("results.status", hasItem("accepted"));
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsRefusedWith411BeforeItIsRead() throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Streamed: the JDK client sends it chunked, so its size is unknown until read.
        var body = "{\"mentions\": []}".getBytes(StandardCharsets.UTF_8);
        var request =
                HttpRequest.newBuilder(batchUrl)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Integrations.sharedKey())
                        .POST(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(body)))
                        .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.body()).contains("Content-Length");
    }

    private long rowsFor(String brand) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (Long)
                                        em.createNativeQuery(
                                                        "select count(*) from ingested_mention"
                                                                + " where brand_id = :b",
                                                        Long.class)
                                                .setParameter("b", brand)
                                                .getSingleResult());
    }
}
