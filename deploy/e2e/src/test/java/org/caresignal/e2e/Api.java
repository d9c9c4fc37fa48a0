package org.caresignal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.caresignal.local.run.CareSignalSystem;
import org.caresignal.local.stack.KeycloakServer;

/**
 * The running services' REST APIs, as a client would call them: with a demo user's bearer token
 * (password grant of caresignal-cli, kept for a minute), anonymously, or with the run's webhook
 * key.
 */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response, its body read as text. */
    record Reply(int status, HttpHeaders headers, String body) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private record CachedToken(String token, Instant until) {}

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CareSignalSystem system;
    private final KeycloakServer keycloak;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private final Set<String> registeredBrands = ConcurrentHashMap.newKeySet();

    Api(CareSignalSystem system, KeycloakServer keycloak) {
        this.system = system;
        this.keycloak = keycloak;
    }

    /** A token of the role's demo user; tokens live 5 minutes, this one is kept for one. */
    String token(String role) {
        var now = Instant.now();
        return tokens.compute(
                        role,
                        (r, cached) ->
                                cached != null && cached.until().isAfter(now)
                                        ? cached
                                        : new CachedToken(
                                                keycloak.demoToken(r), now.plusSeconds(60)))
                .token();
    }

    /** GET as the role's demo user, or anonymously when {@code role} is null. */
    Reply get(String url, String role) {
        return send(request(url, role).GET());
    }

    /** POST a JSON body as the role's demo user, or anonymously when {@code role} is null. */
    Reply post(String url, String role, String json) {
        return send(
                request(url, role)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETE as the role's demo user. */
    Reply delete(String url, String role) {
        return send(request(url, role).DELETE());
    }

    private HttpRequest.Builder request(String url, String role) {
        var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (role != null) {
            builder.header("Authorization", "Bearer " + token(role));
        }
        return builder;
    }

    Reply send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts a mention to ingest-service with the run's integration key and returns its mention id;
     * registers the brand first (as the admin), since ingest takes mentions only for known brands.
     */
    String postMention(String brand, String externalId, String text, Instant publishedAt)
            throws IOException {
        return postMention(brand, externalId, null, text, publishedAt);
    }

    /** As {@link #postMention(String, String, String, Instant)}, with the post's URL. */
    String postMention(
            String brand, String externalId, String url, String text, Instant publishedAt)
            throws IOException {
        var reply = submitMention(brand, externalId, url, text, publishedAt);
        if (reply.status() != 202) {
            throw new AssertionError("ingest answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("mentionId").asText();
    }

    /**
     * Posts a mention through the webhook ({@code source} {@code webhook}) and returns ingest's
     * answer, whatever it is; registers the brand first.
     */
    Reply submitMention(
            String brand, String externalId, String url, String text, Instant publishedAt)
            throws IOException {
        if (registeredBrands.add(brand)) {
            registerBrand(brand);
        }
        var fields = new LinkedHashMap<String, Object>();
        fields.put("brandId", brand);
        fields.put("source", "webhook");
        fields.put("externalId", externalId);
        if (url != null) {
            fields.put("url", url);
        }
        fields.put("text", text);
        fields.put("publishedAt", publishedAt.toString());
        return send(
                HttpRequest.newBuilder(URI.create(system.ingestUrl() + "/api/mentions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + system.ingestApiKey())
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        JSON.writeValueAsString(fields))));
    }

    /** Creates the brand at ingest-service (a brand already there is fine). */
    private void registerBrand(String brand) throws IOException {
        // A watch query no post contains: the e2e brands get only the mentions pushed for them.
        var body =
                JSON.writeValueAsString(
                        Map.of(
                                "id",
                                brand,
                                "name",
                                "E2E " + brand,
                                "watchQuery",
                                "\"" + brand + " zzqx\"",
                                "facilities",
                                List.of()));
        var reply = post(system.ingestUrl() + "/api/brands", "admin", body);
        if (reply.status() != 201 && reply.status() != 409) {
            throw new AssertionError(
                    "ingest refused the brand (" + reply.status() + "): " + reply.body());
        }
    }

    /** The brand's mention total over the last day, as alert-service counts it (as a viewer). */
    long totalCount(String brand) {
        var reply = get(system.alertUrl() + "/api/brands/" + brand + "/stats", "viewer");
        if (reply.status() != 200) {
            throw new AssertionError("alert answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("totals").get("total").asLong();
    }

    /**
     * As the admin, adds a critical-post rule matching {@code word}, so that the next mention
     * containing it raises a CRITICAL incident at once.
     */
    void addCriticalPostRule(String id, String word) {
        var reply =
                post(
                        system.alertUrl() + "/api/rules/critical-posts",
                        "admin",
                        "{\"id\":\"" + id + "\",\"category\":\"e2e\",\"match\":\"" + word + "\"}");
        if (reply.status() != 201) {
            throw new AssertionError(
                    "alert refused the rule (" + reply.status() + "): " + reply.body());
        }
    }

    /** The id of the brand's newest incident, as a viewer sees the list; null when none yet. */
    String newestIncident(String brand) {
        var reply = get(system.alertUrl() + "/api/incidents?brand=" + brand, "viewer");
        if (reply.status() != 200) {
            throw new AssertionError("alert answered " + reply.status() + ": " + reply.body());
        }
        var list = reply.json();
        return list.isEmpty() ? null : list.get(0).get("id").asText();
    }

    /**
     * An incident with its trail ({@code {"incident": {...}, "audit": [...]}}), as a viewer sees
     * it.
     */
    JsonNode incident(String id) {
        var reply = get(system.alertUrl() + "/api/incidents/" + id, "viewer");
        if (reply.status() != 200) {
            throw new AssertionError("alert answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    String incidentStatus(String id) {
        return incident(id).get("incident").get("status").asText();
    }

    /** The admin's view of alert-service's audit log, filtered by user and action. */
    JsonNode alertAudit(String user, String action) {
        var reply =
                get(
                        system.alertUrl()
                                + "/api/audit?user="
                                + URLEncoder.encode(user, StandardCharsets.UTF_8)
                                + "&action="
                                + URLEncoder.encode(action, StandardCharsets.UTF_8),
                        "admin");
        if (reply.status() != 200) {
            throw new AssertionError("audit answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }
}
