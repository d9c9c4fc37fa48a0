package org.caresignal.alert.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The console's clients against WireMock serving the other services' documented examples
 * (docs/api-examples): each response reads into the client's records, the caller's token and the
 * query go out, and failures are classified without keeping the remote body.
 */
@QuarkusTest
class ConsoleClientTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "api-examples");
    private static final Bearer TOKEN = new Bearer("token-of-the-person");
    private static final Instant FROM = Instant.parse("2026-11-17T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-24T00:00:00Z");

    private final SentimentClient sentiment;
    private final IngestClient ingest;

    ConsoleClientTest(SentimentClient sentiment, IngestClient ingest) {
        this.sentiment = sentiment;
        this.ingest = ingest;
    }

    private static String example(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(MappingBuilder request, String file) {
        ConsoleServices.client()
                .register(
                        request.withHeader("Authorization", equalTo("Bearer token-of-the-person"))
                                .willReturn(
                                        aResponse()
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(example(file))));
    }

    @Test
    void sentimentServicesExamplesReadIntoTheClientsRecords() {
        var brand = ScoredMentions.uniqueBrand();
        answer(
                get(urlPathEqualTo("/api/brands/" + brand + "/sentiment")),
                "sentiment/history.json");
        answer(get(urlPathEqualTo("/api/brands/" + brand + "/aspects")), "sentiment/aspects.json");
        answer(
                get(urlPathEqualTo("/api/brands/" + brand + "/top-mentions")),
                "sentiment/top-mentions.json");
        answer(
                get(urlPathEqualTo("/api/brands/" + brand + "/corrections/agreement")),
                "sentiment/agreement.json");

        var history =
                sentiment.history(
                        TOKEN,
                        brand,
                        FROM,
                        TO,
                        "hour",
                        ZoneId.of("America/Chicago"),
                        "riverside-north",
                        null,
                        "emergency-wait");
        assertThat(history.tz()).isEqualTo("America/Chicago");
        assertThat(history.buckets()).hasSize(2);
        assertThat(history.buckets().get(0).start().toInstant())
                .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(history.volume()).isEqualTo(12);
        assertThat(history.negative()).isEqualTo(7);
        assertThat(history.buckets().get(1).meanScore()).isNull();
        ConsoleServices.client()
                .verifyThat(
                        getRequestedFor(urlPathEqualTo("/api/brands/" + brand + "/sentiment"))
                                .withQueryParam("from", equalTo("2026-11-17T00:00:00Z"))
                                .withQueryParam("to", equalTo("2026-11-24T00:00:00Z"))
                                .withQueryParam("bucket", equalTo("hour"))
                                .withQueryParam("tz", equalTo("America/Chicago"))
                                .withQueryParam("facility", equalTo("riverside-north"))
                                .withQueryParam("aspect", equalTo("emergency-wait")));

        var aspects = sentiment.aspects(TOKEN, brand, FROM, TO, null);
        assertThat(aspects.aspects()).hasSize(3);
        assertThat(aspects.aspects().get(0))
                .isEqualTo(new AspectSummary.AspectCount("emergency-wait", 12, 9, 2, 1));

        var top = sentiment.topMentions(TOKEN, brand, FROM, TO, null, SentimentLabel.NEGATIVE, 5);
        assertThat(top.items()).hasSize(2);
        assertThat(top.items().get(0).reposts()).isEqualTo(14);
        assertThat(top.items().get(0).label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(top.items().get(1).facilityId()).isNull();
        ConsoleServices.client()
                .verifyThat(
                        getRequestedFor(urlPathEqualTo("/api/brands/" + brand + "/top-mentions"))
                                .withQueryParam("label", equalTo("negative"))
                                .withQueryParam("limit", equalTo("5")));

        var agreement = sentiment.agreement(TOKEN, brand);
        assertThat(agreement.agreement()).isEqualTo(0.375);
        assertThat(agreement.byLabel().get("NEGATIVE").corrections()).isEqualTo(5);
    }

    @Test
    void mentionsAreSearchedReadAndCorrected() {
        var id = UUID.fromString("5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93");
        answer(get(urlPathEqualTo("/api/mentions")), "sentiment/mention-page.json");
        answer(get(urlPathEqualTo("/api/mentions/" + id)), "sentiment/mention.json");
        answer(
                post(urlPathEqualTo("/api/mentions/" + id + "/correction"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"label\":\"POSITIVE\",\"aspects\":[{\"aspect\":\"emergency-wait\",\"label\":\"NEGATIVE\"}],\"note\":\"kind staff\"}")),
                "sentiment/mention.json");
        ConsoleServices.client()
                .register(
                        delete(urlPathEqualTo("/api/mentions/" + id + "/correction"))
                                .willReturn(aResponse().withStatus(204)));

        var page =
                sentiment.search(
                        TOKEN,
                        MentionQuery.brand("riverside-health")
                                .withRange(FROM, TO)
                                .withLabel(SentimentLabel.NEGATIVE)
                                .withText("waited hours")
                                .withUncertain(true)
                                .withSort(MentionQuery.SORT_AMPLIFICATION));
        assertThat(page.total()).isEqualTo(2);
        var first = page.items().get(0);
        assertThat(first.text()).startsWith("Waited 6 hours");
        assertThat(first.corrected()).isTrue();
        assertThat(first.correctedBy()).isEqualTo("ana.analyst");
        assertThat(first.modelLabel()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.aspects()).hasSize(2);
        ConsoleServices.client()
                .verifyThat(
                        getRequestedFor(urlPathEqualTo("/api/mentions"))
                                .withQueryParam("brand", equalTo("riverside-health"))
                                .withQueryParam("label", equalTo("negative"))
                                .withQueryParam("q", equalTo("waited hours"))
                                .withQueryParam("uncertain", equalTo("true"))
                                .withQueryParam("sort", equalTo("amplification")));

        var byIds = sentiment.mentions(TOKEN, List.of(id, UUID.randomUUID()));
        assertThat(byIds).hasSize(2);
        ConsoleServices.client()
                .verifyThat(
                        getRequestedFor(urlPathEqualTo("/api/mentions"))
                                .withQueryParam(
                                        "ids",
                                        com.github.tomakehurst.wiremock.client.WireMock.matching(
                                                id + ",[0-9a-f-]{36}")));

        assertThat(sentiment.mention(TOKEN, id).reposts()).isEqualTo(14);
        var corrected =
                sentiment.correct(
                        TOKEN,
                        id,
                        SentimentLabel.POSITIVE,
                        List.of(new AspectCorrection("emergency-wait", SentimentLabel.NEGATIVE)),
                        "kind staff");
        assertThat(corrected.mentionId()).isEqualTo(id);
        sentiment.clearCorrection(TOKEN, id);
    }

    @Test
    void ingestServicesExamplesReadIntoBrandsAndSources() {
        var brand = ScoredMentions.uniqueBrand();
        answer(get(urlPathEqualTo("/api/brands/" + brand)), "ingest/brand.json");
        answer(get(urlPathEqualTo("/api/sources")), "ingest/sources.json");

        var read = ingest.brand(TOKEN, brand);
        assertThat(read.displayName()).isEqualTo("Riverside Health");
        assertThat(read.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(read.facilityName("riverside-north"))
                .isEqualTo("Riverside North Medical Center");
        assertThat(read.facilityName("gone")).isEqualTo("gone");

        var sources = ingest.sources(TOKEN);
        assertThat(sources).isNotEmpty();
        var mastodon = sources.get(0);
        assertThat(mastodon.kind()).isEqualTo("mastodon");
        assertThat(mastodon.health().status()).isEqualTo("OK");
        assertThat(mastodon.health().mentionsLastHour()).isEqualTo(14);
        assertThat(mastodon.health().rateLimit().resetAt())
                .isEqualTo(Instant.parse("2026-12-02T16:05:00Z"));
        // The remote error text is not even read.
        assertThat(sources.get(1).toString()).doesNotContain("connection refused");
    }

    @Test
    void failuresAreClassifiedWithoutTheRemoteBody() {
        var brand = ScoredMentions.uniqueBrand();
        var path = "/api/brands/" + brand;
        ConsoleServices.client()
                .register(
                        get(urlPathEqualTo(path + "/aspects"))
                                .willReturn(
                                        aResponse().withStatus(503).withBody("REMOTE-503-BODY")));
        ConsoleServices.client()
                .register(
                        get(urlPathEqualTo(path + "/top-mentions"))
                                .willReturn(
                                        aResponse().withStatus(403).withBody("REMOTE-403-BODY")));
        ConsoleServices.client()
                .register(
                        get(urlPathEqualTo(path + "/corrections/agreement"))
                                .willReturn(
                                        aResponse()
                                                .withHeader("Content-Type", "application/json")
                                                .withBody("<html>REMOTE-NOT-JSON</html>")));

        assertThatThrownBy(() -> sentiment.aspects(TOKEN, brand, FROM, TO, null))
                .isInstanceOfSatisfying(
                        ServiceUnavailableException.class,
                        e -> {
                            assertThat(e.getMessage())
                                    .isEqualTo("sentiment-service is not answering");
                            assertThat(e.status()).isEqualTo(503);
                        });
        assertThatThrownBy(() -> sentiment.topMentions(TOKEN, brand, FROM, TO, null, null, 3))
                .isInstanceOfSatisfying(
                        ServiceRefusedException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.forbidden()).isTrue();
                            assertThat(e.getMessage()).doesNotContain("REMOTE");
                        });
        assertThatThrownBy(() -> sentiment.agreement(TOKEN, brand))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageNotContaining("REMOTE")
                .satisfies(
                        e ->
                                assertThat(String.valueOf(e.getCause()))
                                        .doesNotContain("REMOTE-NOT-JSON"));
        assertThat(TOKEN.toString()).doesNotContain("token-of-the-person");
    }
}
