package org.caresignal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoFeederTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoStreamIsAFewHundredWellFormedPostsAboutTwoFacilities() {
        var posts = DemoFeeder.load();
        assertThat(posts).hasSizeBetween(200, 600);
        var ids = new HashSet<String>();
        var facilities = new HashSet<String>();
        long previous = Long.MIN_VALUE;
        for (var post : posts) {
            assertThat(post.get("brandId").asText()).isEqualTo(DemoFeeder.BRAND);
            assertThat(post.get("text").asText()).isNotBlank();
            assertThat(ids.add(post.get("source").asText() + "|" + post.get("externalId").asText()))
                    .as("unique source and externalId")
                    .isTrue();
            if (!post.get("facilityId").isNull()) {
                facilities.add(post.get("facilityId").asText());
            }
            long offset = post.get("offsetSeconds").asLong();
            assertThat(offset).isGreaterThanOrEqualTo(previous);
            previous = offset;
        }
        assertThat(facilities).containsExactlyInAnyOrder("riverside-north", "riverside-south");
    }

    @Test
    void postsEveryMentionInOrderWithTheTimelineEndingAtTheGivenInstant() throws Exception {
        var received = Collections.synchronizedList(new ArrayList<JsonNode>());
        var authorizations = Collections.synchronizedList(new ArrayList<String>());
        var key = CareSignalSystem.newApiKey();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/api/mentions",
                exchange -> {
                    received.add(JSON.readTree(exchange.getRequestBody()));
                    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    var body = "{\"mentionId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(202, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            var end = Instant.parse("2026-11-24T12:00:00Z");
            int accepted =
                    new DemoFeeder("http://127.0.0.1:" + server.getAddress().getPort(), key)
                            .feed(end, 1000);

            List<JsonNode> posts = List.copyOf(received);
            assertThat(accepted).isEqualTo(DemoFeeder.load().size()).isEqualTo(posts.size());
            assertThat(posts).allSatisfy(p -> assertThat(p.has("offsetSeconds")).isFalse());
            assertThat(authorizations).hasSize(posts.size()).containsOnly("Bearer " + key);
            assertThat(key).startsWith("csk_").hasSize(4 + 43);
            var first = Instant.parse(posts.get(0).get("publishedAt").asText());
            var last = Instant.parse(posts.get(posts.size() - 1).get("publishedAt").asText());
            assertThat(last).isEqualTo(end);
            assertThat(first).isBefore(end.minusSeconds(3600));
        } finally {
            server.stop(0);
        }
    }
}
