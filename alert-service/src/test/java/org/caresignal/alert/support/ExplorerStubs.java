package org.caresignal.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The explorer's and incident page's stubs on {@link ConsoleServices}: the example responses that
 * ingest-service and sentiment-service publish in {@code docs/api-examples/} (their own tests check
 * the live shapes against the files), made per test brand so tests do not see each other's.
 */
public final class ExplorerStubs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("../docs/api-examples");

    private ExplorerStubs() {}

    /** An example response of {@code docs/api-examples/<service>/<name>.json}. */
    public static ObjectNode example(String service, String name) {
        try {
            return (ObjectNode)
                    JSON.readTree(
                            Files.readString(EXAMPLES.resolve(service).resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code index}th mention of the example page for {@code brand}, a copy to change. */
    public static ObjectNode exampleMention(int index, String brand) {
        var mention =
                (ObjectNode)
                        example("sentiment", "mention-page").get("items").get(index).deepCopy();
        mention.put("brandId", brand);
        return mention;
    }

    /** The example mention page with {@code items} instead of its own. */
    public static ObjectNode mentionPage(List<ObjectNode> items) {
        var page = example("sentiment", "mention-page");
        var array = page.putArray("items");
        items.forEach(array::add);
        page.put("total", items.size());
        return page;
    }

    /**
     * ingest-service knows {@code brand} as the example brand (Riverside Health, its two
     * facilities, America/Chicago), alone in the list of brands.
     */
    public static void brand(String brand) {
        var body = example("ingest", "brand");
        body.put("id", brand);
        var client = ConsoleServices.client();
        client.register(
                get(urlPathEqualTo("/api/brands/" + brand))
                        .atPriority(1)
                        .willReturn(json(200, body.toString())));
        client.register(
                get(urlPathEqualTo("/api/brands"))
                        .atPriority(1)
                        .willReturn(json(200, JSON.createArrayNode().add(body).toString())));
    }

    /** A JSON answer. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A problem+json answer whose words must never reach a page. */
    public static ResponseDefinitionBuilder problem(int status, String detail) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody(
                        "{\"title\":\"remote problem\",\"status\":"
                                + status
                                + ",\"detail\":\""
                                + detail
                                + "\"}");
    }

    /** The {@code preferred_username} of the bearer token in an Authorization header (or null). */
    public static String username(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        var parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            var payload =
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            var name = JSON.readTree(payload).get("preferred_username");
            return name == null ? null : name.asText();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
