package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    void repostsAmplifyEarlierEpisodePostsAndEveryOtherTextIsUnique() {
        var posts = DemoFeeder.load();
        var seen = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        var texts = new HashSet<String>();
        int reposts = 0;
        int episodeReposts = 0;
        var ordinaryReposted = new HashSet<String>();
        for (var post : posts) {
            var key = post.get("source").asText() + "|" + post.get("externalId").asText();
            if (post.hasNonNull("repostOf")) {
                reposts++;
                var ref = post.get("repostOf");
                var original =
                        seen.get(ref.get("source").asText() + "|" + ref.get("externalId").asText());
                assertThat(original).as("%s reposts an earlier line", key).isNotNull();
                assertThat(post.get("text").asText()).isEqualTo(original.get("text").asText());
                assertThat(post.get("offsetSeconds").asLong())
                        .isGreaterThan(original.get("offsetSeconds").asLong());
                assertThat(post.get("facilityId")).isEqualTo(original.get("facilityId"));
                if (post.get("offsetSeconds").asLong() >= DemoFeeder.EPISODE_START_SECONDS) {
                    episodeReposts++;
                } else {
                    // Ordinary hours repost praise and complaints alike: both "most amplified"
                    // lists of the overview have something on any range.
                    ordinaryReposted.add(original.get("text").asText());
                }
            } else {
                assertThat(texts.add(post.get("text").asText()))
                        .as("unique text of %s", key)
                        .isTrue();
            }
            seen.put(key, post);
        }
        assertThat(reposts).isBetween(40, 100);
        assertThat(episodeReposts).isBetween(20, 60);
        assertThat(ordinaryReposted)
                .hasSizeBetween(8, 20)
                .anyMatch(t -> t.contains("nurs"))
                .anyMatch(t -> t.contains("STREP TEST"));
    }

    @Test
    void theHistoryIsTheOrdinaryHoursWithoutTheEpisode() {
        var posts = DemoFeeder.load();
        var history = DemoFeeder.history(posts, 3);

        assertThat(history)
                .hasSizeBetween(posts.size() / 2, posts.size() - 20)
                .allSatisfy(
                        p -> {
                            assertThat(p.get("offsetSeconds").asLong())
                                    .isLessThan(DemoFeeder.EPISODE_START_SECONDS);
                            assertThat(p.get("externalId").asText()).endsWith("-d3");
                        });
        assertThat(posts.get(0).get("externalId").asText()).doesNotEndWith("-d3");
    }

    @Test
    void theWeeksDaysDifferAndEachDaysRepostsNameThatDaysCopyOfTheirOriginal() {
        var posts = DemoFeeder.load();
        var sizes = new HashSet<Integer>();
        for (int day = 1; day <= DemoFeeder.HISTORY_DAYS; day++) {
            var history = DemoFeeder.history(posts, day);
            sizes.add(history.size());
            var ids = new HashSet<String>();
            history.forEach(
                    p -> ids.add(p.get("source").asText() + "|" + p.get("externalId").asText()));
            var suffix = "-d" + day;
            assertThat(history)
                    .filteredOn(p -> p.hasNonNull("repostOf"))
                    .isNotEmpty()
                    .allSatisfy(
                            p ->
                                    assertThat(
                                                    p.get("repostOf").get("source").asText()
                                                            + "|"
                                                            + p.get("repostOf")
                                                                    .get("externalId")
                                                                    .asText())
                                            .endsWith(suffix)
                                            .isIn(ids));
        }
        // Yesterday is a whole ordinary day; the others leave some posts out, each its share.
        assertThat(DemoFeeder.history(posts, 1))
                .hasSize(
                        (int)
                                posts.stream()
                                        .filter(
                                                p ->
                                                        p.get("offsetSeconds").asLong()
                                                                < DemoFeeder.EPISODE_START_SECONDS)
                                        .count());
        assertThat(sizes).hasSizeGreaterThanOrEqualTo(5);
        // The source stream itself is untouched by a day's copy.
        assertThat(posts)
                .filteredOn(p -> p.hasNonNull("repostOf"))
                .allSatisfy(
                        p ->
                                assertThat(p.get("repostOf").get("externalId").asText())
                                        .doesNotContain("-d"));
    }

    @Test
    void theDemoBrandHasEveryFacilityTheStreamNamesAndAWatchQueryMatchingItsName() {
        var brand = DemoFeeder.brand();
        var facilities = new HashSet<String>();
        brand.get("facilities").forEach(f -> facilities.add(f.get("id").asText()));
        var named = new HashSet<String>();
        DemoFeeder.load().stream()
                .filter(p -> p.hasNonNull("facilityId"))
                .forEach(p -> named.add(p.get("facilityId").asText()));

        assertThat(brand.get("id").asText()).isEqualTo(DemoFeeder.BRAND);
        assertThat(facilities).containsAll(named);
        assertThat(brand.get("watchQuery").asText()).contains("\"Riverside Health\"");
        brand.get("facilities")
                .forEach(f -> assertThat(f.get("timeZone").asText()).isEqualTo("America/Chicago"));
        // The console shows the brand's times in its zone (ingest-service's Brand.timeZone).
        assertThat(brand.get("timeZone").asText()).isEqualTo("America/Chicago");
    }

    @Test
    void postsAWeekOfHistoryThenEveryMentionInOrderWithTheTimelineEndingAtTheGivenInstant()
            throws Exception {
        var single = Collections.synchronizedList(new ArrayList<JsonNode>());
        var batched = Collections.synchronizedList(new ArrayList<JsonNode>());
        var authorizations = Collections.synchronizedList(new ArrayList<String>());
        var key = CareSignalSystem.newApiKey();
        var brands = Collections.synchronizedList(new ArrayList<JsonNode>());
        var brandAuthorizations = Collections.synchronizedList(new ArrayList<String>());
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/api/brands",
                exchange -> {
                    brands.add(JSON.readTree(exchange.getRequestBody()));
                    brandAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    // The first run creates it; a kept database answers 409 and the feed goes on.
                    exchange.sendResponseHeaders(brands.size() == 1 ? 201 : 409, -1);
                    exchange.close();
                });
        server.createContext(
                "/api/mentions",
                exchange -> {
                    assertThat(brands).as("brand registered before any mention").isNotEmpty();
                    var body = JSON.readTree(exchange.getRequestBody());
                    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    String answer;
                    int status;
                    if (exchange.getRequestURI().getPath().equals("/api/mentions/batch")) {
                        body.get("mentions").forEach(batched::add);
                        answer =
                                "{\"accepted\":"
                                        + body.get("mentions").size()
                                        + ",\"duplicates\":0,\"rejected\":0,\"results\":[]}";
                        status = 200;
                    } else {
                        single.add(body);
                        answer = "{\"mentionId\":\"x\"}";
                        status = 202;
                    }
                    var bytes = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
        try {
            var end = Instant.parse("2026-11-24T12:00:00Z");
            int accepted =
                    new DemoFeeder(
                                    "http://127.0.0.1:" + server.getAddress().getPort(),
                                    key,
                                    () -> "admin-token")
                            .feed(end, 1000);

            assertThat(brands).hasSize(1);
            // The brand is configuration: an admin's token, not the integration's key.
            assertThat(brandAuthorizations).containsExactly("Bearer admin-token");
            assertThat(brands.get(0).get("id").asText()).isEqualTo(DemoFeeder.BRAND);

            var stream = DemoFeeder.load();
            int historyTotal = 0;
            for (int day = 1; day <= DemoFeeder.HISTORY_DAYS; day++) {
                historyTotal += DemoFeeder.history(stream, day).size();
            }
            List<JsonNode> posts = List.copyOf(single);
            List<JsonNode> history = List.copyOf(batched);
            assertThat(posts).hasSize(stream.size());
            assertThat(history).hasSize(historyTotal);
            assertThat(accepted).isEqualTo(posts.size() + history.size());
            assertThat(authorizations).containsOnly("Bearer " + key);
            assertThat(key).startsWith("csk_").hasSize(4 + 43);
            assertThat(posts).allSatisfy(p -> assertThat(p.has("offsetSeconds")).isFalse());
            assertThat(history).allSatisfy(p -> assertThat(p.has("offsetSeconds")).isFalse());

            var first = Instant.parse(posts.get(0).get("publishedAt").asText());
            var last = Instant.parse(posts.get(posts.size() - 1).get("publishedAt").asText());
            assertThat(last).isEqualTo(end);
            assertThat(first).isBefore(end.minusSeconds(3600));

            // Oldest first, a week back, every copy its own post, none in the stream's own hours.
            var times =
                    history.stream()
                            .map(p -> Instant.parse(p.get("publishedAt").asText()))
                            .toList();
            assertThat(times).isSorted();
            // The week's first day may leave out the stream's very first post.
            assertThat(times.get(0))
                    .isAfterOrEqualTo(first.minus(Duration.ofDays(7)))
                    .isBefore(first.minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
            assertThat(times.get(times.size() - 1)).isBefore(first);
            var ids = new HashSet<String>();
            stream.forEach(
                    p -> ids.add(p.get("source").asText() + "|" + p.get("externalId").asText()));
            assertThat(history)
                    .allSatisfy(
                            p ->
                                    assertThat(
                                                    ids.add(
                                                            p.get("source").asText()
                                                                    + "|"
                                                                    + p.get("externalId").asText()))
                                            .isTrue());
        } finally {
            server.stop(0);
        }
    }
}
