package org.caresignal.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.local.run.DemoFeeder;

/**
 * The local run's demo (deploy/local's {@code demo/riverside-health.jsonl} and its brand), posted
 * through ingest-service's webhook batch API as an integration would: the stream's six hours ending
 * at a given instant, without the week of history {@link DemoFeeder} replays first.
 */
final class DemoStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_SIZE = 100;

    private DemoStream() {}

    /** The stream's posts, each with its {@code offsetSeconds}, in the file's order. */
    static List<ObjectNode> load() {
        var posts = new ArrayList<ObjectNode>();
        try (var reader =
                new BufferedReader(
                        new InputStreamReader(
                                resource(DemoFeeder.RESOURCE), StandardCharsets.UTF_8))) {
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

    /**
     * Registers the demo brand with its facilities (as the admin) and posts the stream so that its
     * last post is published at {@code endAt}.
     */
    static void feed(E2eSystem e2e, Instant endAt) throws IOException {
        String brand;
        try (var stream = resource(DemoFeeder.BRAND_RESOURCE)) {
            brand = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        var registered = e2e.api.post(e2e.system.ingestUrl() + "/api/brands", "admin", brand);
        if (registered.status() != 201 && registered.status() != 409) {
            throw new AssertionError(
                    "ingest refused the demo brand ("
                            + registered.status()
                            + "): "
                            + registered.body());
        }
        var posts = load();
        long last = posts.stream().mapToLong(p -> p.get("offsetSeconds").asLong()).max().orElse(0);
        for (int from = 0; from < posts.size(); from += BATCH_SIZE) {
            var body = JSON.createObjectNode();
            var mentions = body.putArray("mentions");
            for (var post : posts.subList(from, Math.min(posts.size(), from + BATCH_SIZE))) {
                var copy = post.deepCopy();
                long offset = copy.remove("offsetSeconds").asLong();
                copy.put("publishedAt", endAt.minusSeconds(last - offset).toString());
                mentions.add(copy);
            }
            var reply =
                    e2e.api.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    e2e.system.ingestUrl() + "/api/mentions/batch"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + e2e.system.ingestApiKey())
                                    // A busy machine scores while this posts; ingest's answer waits
                                    // only for its own database.
                                    .timeout(Duration.ofMinutes(3))
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            if (reply.status() != 200 || reply.json().path("rejected").asInt() != 0) {
                throw new AssertionError(
                        "ingest refused demo posts (" + reply.status() + "): " + reply.body());
            }
        }
    }

    private static java.io.InputStream resource(String name) {
        var stream = DemoStream.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is not on the classpath (deploy/local)");
        }
        return stream;
    }
}
