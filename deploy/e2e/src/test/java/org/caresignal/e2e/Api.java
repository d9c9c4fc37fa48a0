package org.caresignal.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.caresignal.local.run.CareSignalSystem;

/** The running services' REST APIs, as a client would call them. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final CareSignalSystem system;

    Api(CareSignalSystem system) {
        this.system = system;
    }

    /**
     * Posts a mention to ingest-service with the run's integration key and returns its mention id.
     */
    String postMention(String brand, String externalId, String text, Instant publishedAt)
            throws IOException, InterruptedException {
        var body =
                JSON.writeValueAsString(
                        Map.of(
                                "brandId", brand,
                                "source", "webhook",
                                "externalId", externalId,
                                "text", text,
                                "publishedAt", publishedAt.toString()));
        var response =
                http.send(
                        HttpRequest.newBuilder(URI.create(system.ingestUrl() + "/api/mentions"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + system.ingestApiKey())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError(
                    "ingest answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("mentionId").asText();
    }

    /** The brand's mention total over the last day, as alert-service counts it. */
    long totalCount(String brand) throws IOException, InterruptedException {
        var response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                system.alertUrl()
                                                        + "/api/brands/"
                                                        + brand
                                                        + "/stats"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "alert answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("totals").get("total").asLong();
    }
}
