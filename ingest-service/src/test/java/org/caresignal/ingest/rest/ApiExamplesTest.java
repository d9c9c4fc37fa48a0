package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.SourceFixtures;
import org.junit.jupiter.api.Test;

/**
 * The examples under {@code docs/api-examples/ingest/} (the console's WireMock stubs read them)
 * have exactly the field names of the live responses, at every level.
 */
@QuarkusTest
class ApiExamplesTest {

    private static final Path EXAMPLES = Path.of("../docs/api-examples/ingest");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject ObjectMapper mapper;

    @Test
    void brandJsonIsALiveBrandResponse() throws IOException {
        var example = (ObjectNode) JSON.readTree(EXAMPLES.resolve("brand.json").toFile());
        // The example itself as a request, under an id of its own (the database is shared).
        var request = example.deepCopy();
        var id = SourceFixtures.unique("riverside-");
        request.put("id", id);
        for (var field : new String[] {"createdAt", "updatedAt", "version"}) {
            request.remove(field);
        }
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(request.toString())
                .post("/api/brands")
                .then()
                .statusCode(201);

        var live =
                JSON.readTree(
                        Api.asViewer()
                                .get("/api/brands/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString());

        assertSameFields("brand", example, live);
        assertThat(live.get("timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(live.get("facilities").findValuesAsText("name"))
                .containsExactly("Riverside North Medical Center", "Riverside South Hospital");
        assertThat(example.get("name").asText()).isEqualTo("Riverside Health");
        assertThat(example.get("id").asText()).isEqualTo("riverside-health");
    }

    @Test
    void sourcesJsonIsALiveSourceList() throws IOException {
        var example = JSON.readTree(EXAMPLES.resolve("sources.json").toFile());
        assertThat(example.isArray()).isTrue();
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var id = SourceFixtures.unique("s-");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "mastodon");
        body.put("brandId", brand);
        body.put("url", "https://mastodon.example");
        body.put("query", "#RiversideHealth");
        body.put("credential", "very-secret-token");
        // Disabled: the test needs its shape, not a poll of an address that does not exist.
        body.put("enabled", false);
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);

        var list =
                JSON.readTree(
                        Api.asViewer()
                                .get("/api/sources")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString());
        assertThat(list.isArray()).isTrue();
        JsonNode live = null;
        for (var item : list) {
            if (id.equals(item.get("id").asText())) {
                live = item;
            }
        }
        assertThat(live).as("the created source in the list").isNotNull();
        for (var item : example) {
            assertSameFields("sources[]", item, live);
        }

        // A polled connector has no stream state: the example's comes from the record Jackson
        // writes for a streaming one.
        var streamExample =
                example.findValues("stream").stream().filter(JsonNode::isObject).findFirst();
        assertThat(streamExample).as("an example with a stream").isPresent();
        var stream =
                mapper.valueToTree(
                        new SourceResponse.StreamState(
                                true,
                                "wss://jetstream.example/subscribe",
                                Instant.now(),
                                Instant.now(),
                                Instant.now(),
                                0.5,
                                1,
                                0,
                                null,
                                0,
                                "1",
                                true));
        assertSameFields("stream", streamExample.get(), (JsonNode) stream);
    }

    /**
     * Same field names at this level and, where both sides hold an object (or an array of them), at
     * every level below.
     */
    private static void assertSameFields(String path, JsonNode example, JsonNode live) {
        if (example.isObject() && live.isObject()) {
            assertThat(names(live)).as(path).isEqualTo(names(example));
            for (Iterator<String> it = example.fieldNames(); it.hasNext(); ) {
                var name = it.next();
                assertSameFields(path + "." + name, example.get(name), live.get(name));
            }
        } else if (example.isArray() && live.isArray()) {
            for (var e : example) {
                for (var l : live) {
                    assertSameFields(path + "[]", e, l);
                }
            }
        }
    }

    private static TreeSet<String> names(JsonNode node) {
        var names = new TreeSet<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
