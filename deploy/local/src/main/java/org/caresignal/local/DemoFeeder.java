package org.caresignal.local;

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

/**
 * Replays the bundled demo stream (demo/riverside-health.jsonl) into ingest-service's {@code POST
 * /api/mentions}, moving its timeline so that the last post is published now.
 */
public final class DemoFeeder {

    public static final String RESOURCE = "demo/riverside-health.jsonl";
    public static final String BRAND = "riverside-health";

    private static final ObjectMapper JSON = new ObjectMapper();

    // Plain HTTP/1.1: the default HTTP/2 upgrade attempt costs a round trip on every request.
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String ingestUrl;
    private final String apiKey;

    /**
     * @param apiKey the key of an ingest-service integration, sent as {@code Authorization: Bearer}
     */
    public DemoFeeder(String ingestUrl, String apiKey) {
        this.ingestUrl = ingestUrl;
        this.apiKey = apiKey;
    }

    /**
     * Posts every demo mention, at most {@code perSecond} a second.
     *
     * @return how many were accepted
     */
    public int feed(Instant endAt, int perSecond) {
        var posts = load();
        long lastOffset =
                posts.stream().mapToLong(p -> p.get("offsetSeconds").asLong()).max().orElse(0);
        var pause = Duration.ofMillis(1000L / Math.max(1, perSecond));
        int accepted = 0;
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
