package org.caresignal.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stubs of ingest-service's and sentiment-service's answers on {@link ConsoleServices}, in the
 * shapes of docs/api-examples (BrandResponse, SourceResponse, HistoryResponse, aspects,
 * top-mentions, MentionPageResponse), each for one brand so tests do not see each other's. Every
 * stub asks for a bearer token, as the real services do.
 */
public final class ConsoleStubs {

    public static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ConsoleStubs() {}

    /** A facility as ingest-service shows it. */
    public record Facility(String id, String name) {}

    /** One day's counts of a history answer, by local date in the brand's zone. */
    public record Day(LocalDate date, long negative, long neutral, long positive) {}

    /** The brand (GET /api/brands/{id}) and, alone, the list (GET /api/brands). */
    public static void brand(String id, String name, String zone, Facility... facilities) {
        var body = brandBody(id, name, zone, facilities);
        register(get(urlPathEqualTo("/api/brands/" + id)), 200, body);
        register(get(urlPathEqualTo("/api/brands")), 200, List.of(body));
    }

    /** The status and body of any call under the brand's sentiment-service paths. */
    public static void sentimentAnswers(String brand, int status, String body) {
        ConsoleServices.client()
                .register(
                        get(urlPathMatching("/api/brands/" + brand + "/.*"))
                                .atPriority(1)
                                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    /** The status and body of GET /api/brands/{brand} (ingest's brand read). */
    public static void brandAnswers(String brand, int status, String body) {
        ConsoleServices.client()
                .register(
                        get(urlPathEqualTo("/api/brands/" + brand))
                                .atPriority(1)
                                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    /**
     * An hourly history of the brand for any range, source or aspect: {@code hours} buckets ending
     * two hours after {@code now} (so the page's range is inside whatever the hour), {@code
     * perHour} mentions each, a third of them negative.
     */
    public static void hourlyHistory(
            String brand, ZoneId zone, Instant now, int hours, long perHour) {
        var end =
                now.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                        .plus(java.time.Duration.ofHours(2));
        var buckets = new ArrayList<Map<String, Object>>();
        for (int i = hours; i > 0; i--) {
            var start = end.minus(java.time.Duration.ofHours(i));
            var b = new LinkedHashMap<String, Object>();
            b.put("start", start.atZone(zone).toOffsetDateTime().toString());
            b.put(
                    "end",
                    start.plus(java.time.Duration.ofHours(1))
                            .atZone(zone)
                            .toOffsetDateTime()
                            .toString());
            b.put("volume", perHour);
            b.put("negative", perHour / 3);
            b.put("neutral", perHour - perHour / 3);
            b.put("positive", 0);
            b.put("meanScore", perHour == 0 ? null : -0.25);
            buckets.add(b);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("brandId", brand);
        body.put("from", end.minus(java.time.Duration.ofHours(hours)).toString());
        body.put("to", end.toString());
        body.put("bucket", "hour");
        body.put("tz", zone.getId());
        body.put("buckets", buckets);
        register(
                get(urlPathEqualTo("/api/brands/" + brand + "/sentiment"))
                        .withQueryParam("bucket", equalTo("hour")),
                200,
                body);
    }

    /** Aspects of the range starting at {@code from} (and of any other range when from is null). */
    public static void aspects(String brand, Instant from, List<Map<String, Object>> aspects) {
        var request = get(urlPathEqualTo("/api/brands/" + brand + "/aspects"));
        if (from != null) {
            request = request.withQueryParam("from", equalTo(from.toString())).atPriority(2);
        } else {
            request = request.atPriority(3);
        }
        register(
                request,
                200,
                Map.of(
                        "brandId",
                        brand,
                        "from",
                        "2026-01-01T00:00:00Z",
                        "to",
                        "2026-01-02T00:00:00Z",
                        "aspects",
                        aspects));
    }

    public static Map<String, Object> aspect(String aspect, long total, long negative) {
        var a = new LinkedHashMap<String, Object>();
        a.put("aspect", aspect);
        a.put("total", total);
        a.put("negative", negative);
        a.put("neutral", total - negative);
        a.put("positive", 0);
        return a;
    }

    /** The top mentions of one label. */
    public static void topMentions(String brand, String label, List<Map<String, Object>> items) {
        register(
                get(urlPathEqualTo("/api/brands/" + brand + "/top-mentions"))
                        .withQueryParam("label", equalToIgnoreCase(label)),
                200,
                Map.of("items", items));
    }

    public static Map<String, Object> top(
            String id, String facility, String label, double score, long reposts, Instant at) {
        var m = new LinkedHashMap<String, Object>();
        m.put("mentionId", id);
        m.put("facilityId", facility);
        m.put("source", "webhook");
        m.put("publishedAt", at.toString());
        m.put("label", label);
        m.put("score", score);
        m.put("reposts", reposts);
        return m;
    }

    /** The search by ids answering these mentions (any ids asked). */
    public static void mentionsByIds(String brand, List<Map<String, Object>> items) {
        register(
                get(urlPathEqualTo("/api/mentions")).withQueryParam("ids", matching(".+")),
                200,
                Map.of("page", 0, "size", items.size(), "items", items));
    }

    public static Map<String, Object> mention(
            String id, String brand, String facility, String label, String text, String url) {
        var m = new LinkedHashMap<String, Object>();
        m.put("mentionId", id);
        m.put("brandId", brand);
        m.put("facilityId", facility);
        m.put("source", "webhook");
        m.put("externalId", "ext-" + id);
        m.put("url", url);
        m.put("text", text);
        m.put("publishedAt", "2026-11-02T15:00:00Z");
        m.put("label", label);
        m.put("score", -0.6);
        m.put("uncertain", false);
        m.put("aspects", List.of());
        m.put("modelVersion", "test-1");
        m.put("scoredAt", "2026-11-02T15:00:01Z");
        m.put("language", "en");
        m.put("textRemoved", null);
        m.put("reposts", 14);
        m.put("modelLabel", label);
        m.put("modelScore", -0.6);
        m.put("corrected", false);
        m.put("correctedBy", null);
        m.put("correctedAt", null);
        m.put("revision", 0);
        return m;
    }

    /** GET /api/sources answering these connectors. */
    public static void sources(List<Map<String, Object>> sources) {
        register(get(urlPathEqualTo("/api/sources")), 200, sources);
    }

    /** A connector in SourceResponse's shape; {@code lastError} is a remote host's words. */
    public static Map<String, Object> source(
            String id,
            String kind,
            String brand,
            String status,
            boolean silent,
            Instant lastItemAt,
            Instant lastSuccessAt,
            Instant resetAt,
            long lastHour,
            String lastError) {
        var health = new LinkedHashMap<String, Object>();
        health.put("status", status);
        health.put("lastPollAt", lastSuccessAt == null ? null : lastSuccessAt.toString());
        health.put("lastSuccessAt", lastSuccessAt == null ? null : lastSuccessAt.toString());
        health.put("lastError", lastError);
        health.put("lastErrorAt", null);
        health.put("consecutiveFailures", 0);
        health.put("nextPollAt", null);
        var rate = new LinkedHashMap<String, Object>();
        rate.put("limit", null);
        rate.put("remaining", null);
        rate.put("resetAt", resetAt == null ? null : resetAt.toString());
        health.put("rateLimit", rate);
        health.put("mentionsLastHour", lastHour);
        health.put("lastItemAt", lastItemAt == null ? null : lastItemAt.toString());
        health.put("silent", silent);
        health.put("stream", null);
        health.put("asOf", null);
        health.put("stale", false);
        var s = new LinkedHashMap<String, Object>();
        s.put("id", id);
        s.put("kind", kind);
        s.put("brandId", brand);
        s.put("url", "https://example.org/" + id);
        s.put("query", null);
        s.put("credentialSet", false);
        s.put("pollInterval", "PT1M");
        s.put("silentAfter", "PT1H");
        s.put("enabled", true);
        s.put("owner", null);
        s.put("health", health);
        return s;
    }

    private static Map<String, Object> brandBody(
            String id, String name, String zone, Facility... facilities) {
        var fs = new ArrayList<Map<String, Object>>();
        for (var f : facilities) {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", f.id());
            m.put("name", f.name());
            m.put("aliases", List.of());
            m.put("timeZone", zone);
            m.put("location", null);
            fs.add(m);
        }
        var b = new LinkedHashMap<String, Object>();
        b.put("id", id);
        b.put("name", name);
        b.put("watchQuery", null);
        b.put("facilities", fs);
        b.put("keepStaffNames", false);
        b.put("timeZone", zone);
        b.put("createdAt", "2026-01-01T00:00:00Z");
        b.put("updatedAt", "2026-01-01T00:00:00Z");
        b.put("version", 1);
        return b;
    }

    private static void register(MappingBuilder request, int status, Object body) {
        try {
            ConsoleServices.client()
                    .register(
                            request.withHeader("Authorization", matching("Bearer .+"))
                                    .willReturn(
                                            aResponse()
                                                    .withStatus(status)
                                                    .withHeader("Content-Type", "application/json")
                                                    .withBody(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
