package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Erasures;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the common intake of every connector, on the file replay connector: a post erased by its
 * id at the source, and every later post of an author erased by handle, are dropped when replayed
 * (counted in caresignal_erased_refused_total), while the other posts of the same file go through.
 */
@QuarkusTest
class ErasureRefusalTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;

    @BeforeAll
    static void makeDir() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "erased");
    }

    @AfterAll
    static void removeDir() throws Exception {
        try (var files = Files.walk(dir)) {
            for (var p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aReplayedFileSkipsTheErasedPostAndTheErasedAuthorsLaterPosts() throws Exception {
        var brand = SourceFixtures.unique("erased-");
        var source = SourceFixtures.unique("replay-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("Nothing"));
        replay(
                brand,
                line(source, brand, "p-1", "@someone", "My mother was on ward 4 last week")
                        + line(source, brand, "p-2", "@jane_doe", "I am Jane and the food was cold")
                        + line(source, brand, "done-1", "@other", "first file done"));
        assertThat(published(brand, "done-1")).containsExactly("p-1", "p-2", "done-1");

        Erasures.post(Erasures.byPost(source, "p-1")).statusCode(202);
        Erasures.post(Erasures.byAuthor(source, "@Jane_Doe"))
                .statusCode(202)
                .body("mentions", org.hamcrest.Matchers.equalTo(1));

        // The same file again, with a new post of the erased author and a new one of another.
        replay(
                brand,
                line(source, brand, "p-1", "@someone", "My mother was on ward 4 last week")
                        + line(source, brand, "p-3", "@jane_doe", "Back again, still cold food")
                        + line(source, brand, "p-4", "@other", "Parking was easy")
                        + line(source, brand, "done-2", "@other", "second file done"));
        assertThat(published(brand, "done-2"))
                .containsExactly("p-1", "p-2", "done-1", "p-4", "done-2");
        assertThat(Management.metrics())
                .contains("caresignal_erased_refused_total{source=\"" + source + "\"} 2.0");
    }

    private static String line(String source, String brand, String id, String handle, String text)
            throws Exception {
        var m = new LinkedHashMap<String, Object>();
        m.put("brandId", brand);
        m.put("source", source);
        m.put("externalId", id);
        m.put("url", "https://social.example/" + source + "/" + id);
        m.put("authorHandle", handle);
        m.put("text", text);
        m.put("offsetSeconds", 1);
        return JSON.writeValueAsString(m) + "\n";
    }

    /** Replays these lines through a new file connector as fast as it goes. */
    private static void replay(String brand, String lines) throws Exception {
        var file = dir.resolve(SourceFixtures.unique("posts") + ".jsonl");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        var body = new LinkedHashMap<String, Object>();
        body.put("id", SourceFixtures.unique("file-"));
        body.put("kind", "file");
        body.put("brandId", brand);
        body.put("url", dir.getFileName() + "/" + file.getFileName());
        body.put("query", "rate=max");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
    }

    /** The external ids published for the brand, in order, up to the one named. */
    private static List<String> published(String brand, String untilId) {
        return KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && r.value().contains("\"" + untilId + "\""))
                .stream()
                .map(
                        r -> {
                            try {
                                return JSON.readTree(r.value()).get("externalId").asText();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }
}
