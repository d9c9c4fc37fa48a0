package org.caresignal.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The console's neighbours for a test: ingest-service and sentiment-service as two WireMock
 * servers, started before the application and named in its configuration ({@code
 * caresignal.alert.console.*-url}). Stubs answer with the example responses the two services
 * publish in {@code docs/api-examples/} (their own tests check the live shapes against the files).
 */
public class ConsoleServices implements QuarkusTestProfile {

    static final String SENTIMENT_PORT = "caresignal-test-console-sentiment-port";
    static final String INGEST_PORT = "caresignal-test-console-ingest-port";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("../docs/api-examples");

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Servers.class));
    }

    /** Starts the two servers and points the application at them. */
    public static class Servers implements QuarkusTestResourceLifecycleManager {

        private WireMockServer sentiment;
        private WireMockServer ingest;

        @Override
        public Map<String, String> start() {
            sentiment = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            ingest = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            sentiment.start();
            ingest.start();
            System.setProperty(SENTIMENT_PORT, Integer.toString(sentiment.port()));
            System.setProperty(INGEST_PORT, Integer.toString(ingest.port()));
            return Map.of(
                    "caresignal.alert.console.sentiment-url",
                    "http://127.0.0.1:" + sentiment.port(),
                    "caresignal.alert.console.ingest-url",
                    "http://127.0.0.1:" + ingest.port());
        }

        @Override
        public void stop() {
            if (sentiment != null) {
                sentiment.stop();
            }
            if (ingest != null) {
                ingest.stop();
            }
        }
    }

    /** A client of the sentiment-service stand-in (stubs and request verification). */
    public static WireMock sentiment() {
        return new WireMock("127.0.0.1", port(SENTIMENT_PORT));
    }

    /** A client of the ingest-service stand-in. */
    public static WireMock ingest() {
        return new WireMock("127.0.0.1", port(INGEST_PORT));
    }

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

    /** The example mention page with its items replaced by {@code items}. */
    public static ObjectNode mentionPage(List<ObjectNode> items) {
        var page = example("sentiment", "mention-page");
        var array = page.putArray("items");
        items.forEach(array::add);
        page.put("total", items.size());
        return page;
    }

    /** The {@code index}th mention of the example page, as a copy to change. */
    public static ObjectNode exampleMention(int index) {
        return (ObjectNode) example("sentiment", "mention-page").get("items").get(index).deepCopy();
    }

    /** ingest-service lists {@code brand.json} as the one brand (Riverside Health, Chicago). */
    public static void stubBrands() {
        var brand = example("ingest", "brand");
        ArrayNode list = JSON.createArrayNode().add(brand);
        ingest().register(
                        get(urlPathEqualTo("/api/brands")).willReturn(json(200, list.toString())));
        ingest().register(
                        get(urlPathEqualTo("/api/brands/" + brand.get("id").asText()))
                                .willReturn(json(200, brand.toString())));
    }

    /** A JSON answer. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
            int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A problem+json answer whose text must never reach a page. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(
            int status, String detail) {
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

    private static int port(String property) {
        var port = System.getProperty(property);
        if (port == null) {
            throw new IllegalStateException("the console's stand-in services are not running");
        }
        return Integer.parseInt(port);
    }
}
