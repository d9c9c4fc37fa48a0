package org.caresignal.ingest.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.caresignal.ingest.config.IngestConfig;

/**
 * Asks sentiment-service's {@code POST /api/erasure-matches} (INGEST_SENTIMENT_URL), with the
 * requesting admin's own bearer token, for the ids of the mentions whose stored text holds a phrase
 * or whose stored URL is the one given; the answer never holds text. A plain HTTP call rather than
 * a source client: the address is the operator's, not a user's, so the source outbound policy
 * (which refuses internal addresses) does not apply.
 */
@ApplicationScoped
public class ErasureMatchClient {

    private static final String PATH = "/api/erasure-matches";

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final ObjectMapper json;

    public ErasureMatchClient(IngestConfig config, ObjectMapper json) {
        this.timeout = config.erasure().sentimentTimeout();
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.endpoint = config.erasure().sentimentUrl().resolve(PATH);
        this.json = json;
    }

    /**
     * The matches, or an exception (unreachable, timed out, refused, unreadable answer): the caller
     * erases nothing half-way.
     */
    public ErasureMatches match(String authorization, ErasureMatchQuery query) {
        try {
            var request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(timeout)
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            json.writeValueAsBytes(query)))
                            .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                // Only the status: sentiment-service's problem text is not ours to pass on.
                throw new IllegalStateException(
                        "erasure-matches answered HTTP " + response.statusCode());
            }
            return json.readValue(response.body(), ErasureMatches.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("erasure-matches answered unreadable JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for erasure matches", e);
        }
    }
}
