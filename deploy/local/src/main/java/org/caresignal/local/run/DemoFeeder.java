package org.caresignal.local.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replays the bundled demo stream (demo/riverside-health.jsonl) into ingest-service, moving its
 * timeline so that the last post is published now; its ordinary hours are first replayed on each of
 * the {@link #HISTORY_DAYS} days before, so that alert-service has learnt a baseline by the time
 * the ER episode arrives and pages on it.
 */
public final class DemoFeeder {

    public static final String RESOURCE = "demo/riverside-health.jsonl";
    public static final String BRAND = "riverside-health";
    public static final String BRAND_RESOURCE = "demo/riverside-health.brand.json";

    /** Days of ordinary history before the stream: the detector needs a day before it may page. */
    public static final int HISTORY_DAYS = 7;

    /**
     * Percent of the ordinary posts left out of the history day {@code i + 1} days back, so that
     * the week's days differ as real ones do (yesterday complete, a quiet pair mid-week); the
     * detector's baseline stays below an ordinary day, never above it.
     */
    static final int[] HISTORY_LEFT_OUT_PERCENT = {0, 8, 22, 30, 12, 5, 15};

    /** Where the stream's ordinary hours end and the ER episode begins (see demo/README.md). */
    static final long EPISODE_START_SECONDS = 18_000;

    private static final int BATCH_SIZE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    // Plain HTTP/1.1: the default HTTP/2 upgrade attempt costs a round trip on every request.
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String ingestUrl;
    private final String apiKey;
    private final Supplier<String> adminToken;

    /**
     * @param apiKey the key of an ingest-service integration, sent as {@code Authorization: Bearer}
     *     with the mentions
     * @param adminToken an access token with the {@code admin} role, to register the demo brand
     */
    public DemoFeeder(String ingestUrl, String apiKey, Supplier<String> adminToken) {
        this.ingestUrl = ingestUrl;
        this.apiKey = apiKey;
        this.adminToken = adminToken;
    }

    /**
     * Posts the history (in batches, oldest first), then every demo mention, at most {@code
     * perSecond} a second.
     *
     * @return how many were accepted (a post sent again to a kept database counts too)
     */
    public int feed(Instant endAt, int perSecond) {
        registerBrand();
        var posts = load();
        long lastOffset =
                posts.stream().mapToLong(p -> p.get("offsetSeconds").asLong()).max().orElse(0);
        int accepted = 0;
        var batch = new ArrayList<ObjectNode>();
        for (int day = HISTORY_DAYS; day >= 1; day--) {
            for (var post : history(posts, day)) {
                long offset = post.remove("offsetSeconds").asLong();
                var at = endAt.minus(Duration.ofDays(day)).minusSeconds(lastOffset - offset);
                post.put("publishedAt", at.toString());
                batch.add(post);
                if (batch.size() == BATCH_SIZE) {
                    accepted += postBatch(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            accepted += postBatch(batch);
        }
        var pause = Duration.ofMillis(1000L / Math.max(1, perSecond));
        for (var post : posts) {
            long offset = post.remove("offsetSeconds").asLong();
            post.put("publishedAt", endAt.minusSeconds(lastOffset - offset).toString());
            var request =
                    HttpRequest.newBuilder(URI.create(ingestUrl + "/api/mentions"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + apiKey)
                            .POST(HttpRequest.BodyPublishers.ofString(post.toString()))
                            .timeout(Duration.ofSeconds(30))
                            .build();
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted++;
                } else {
                    System.err.println(
                            "demo post refused ("
                                    + response.statusCode()
                                    + "): "
                                    + response.body());
                }
                Thread.sleep(pause.toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("could not reach ingest-service", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return accepted;
    }

    /**
     * The ordinary hours of the stream as they would have been posted {@code daysBefore} days
     * earlier, less the day's {@link #HISTORY_LEFT_OUT_PERCENT share} of them: the same texts, with
     * ids of their own so that they are separate mentions (a repost names its original's copy of
     * that day, and is left out with it).
     */
    static List<ObjectNode> history(List<ObjectNode> posts, int daysBefore) {
        int leftOut = HISTORY_LEFT_OUT_PERCENT[(daysBefore - 1) % HISTORY_LEFT_OUT_PERCENT.length];
        var suffix = "-d" + daysBefore;
        return posts.stream()
                .filter(p -> p.get("offsetSeconds").asLong() < EPISODE_START_SECONDS)
                .filter(p -> Math.floorMod(originalKey(p, daysBefore).hashCode(), 100) >= leftOut)
                .map(
                        p -> {
                            var copy = p.deepCopy();
                            copy.put("externalId", p.get("externalId").asText() + suffix);
                            if (p.hasNonNull("repostOf")) {
                                var original = (ObjectNode) copy.get("repostOf");
                                original.put(
                                        "externalId", original.get("externalId").asText() + suffix);
                            }
                            return copy;
                        })
                .toList();
    }

    /** The post's own key, or its original's for a repost: both stay or both go. */
    private static String originalKey(ObjectNode post, int daysBefore) {
        var of = post.hasNonNull("repostOf") ? post.get("repostOf") : post;
        return of.get("source").asText() + "|" + of.get("externalId").asText() + "|" + daysBefore;
    }

    /** Posts one batch; returns how many it accepted, new or seen before. */
    private int postBatch(List<ObjectNode> posts) {
        var body = JSON.createObjectNode();
        body.putArray("mentions").addAll(posts);
        var request =
                HttpRequest.newBuilder(URI.create(ingestUrl + "/api/mentions/batch"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .timeout(Duration.ofSeconds(60))
                        .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println(
                        "demo batch refused (" + response.statusCode() + "): " + response.body());
                return 0;
            }
            var result = JSON.readTree(response.body());
            if (result.path("rejected").asInt() > 0) {
                System.err.println(
                        "demo batch: " + result.path("rejected").asInt() + " posts rejected");
            }
            return result.path("accepted").asInt() + result.path("duplicates").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach ingest-service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Registers the demo's health system with its facilities and watch query, so that the brand
     * shows at {@code /api/brands} and a source connector can be added for it; a brand kept from an
     * earlier run is left as it is.
     */
    void registerBrand() {
        var request =
                HttpRequest.newBuilder(URI.create(ingestUrl + "/api/brands"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + adminToken.get())
                        .POST(HttpRequest.BodyPublishers.ofString(brand().toString()))
                        .timeout(Duration.ofSeconds(30))
                        .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                System.err.println(
                        "demo brand refused (" + response.statusCode() + "): " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach ingest-service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ObjectNode brand() {
        try (var stream = DemoFeeder.class.getClassLoader().getResourceAsStream(BRAND_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(BRAND_RESOURCE + " is not on the classpath");
            }
            return (ObjectNode) JSON.readTree(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> load() {
        var stream = DemoFeeder.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        var posts = new ArrayList<ObjectNode>();
        try (var reader =
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    posts.add((ObjectNode) JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return posts;
    }
}
