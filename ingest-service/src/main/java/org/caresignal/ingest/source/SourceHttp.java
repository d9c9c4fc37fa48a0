package org.caresignal.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.RateLimit;

/**
 * The HTTP side of every connector: sends a GET with our User-Agent and timeout, and turns what
 * comes back into a response or a classified {@link SourceFailure} (429, 5xx, other 4xx with JSON
 * or HTML bodies, timeouts, network errors).
 */
@ApplicationScoped
public class SourceHttp {

    /** A 2xx or 304 answer. */
    public record Answer(int status, Function<String, String> header, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;
    private final IngestConfig config;
    private final ObjectMapper mapper;

    public SourceHttp(IngestConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.sources().requestTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    /**
     * GETs {@code uri}; {@code rateLimit} reads the source's own rate-limit headers (also on
     * failures). A {@code User-Agent} in {@code headers} replaces ours.
     */
    public Answer get(
            URI uri,
            Map<String, String> headers,
            Function<Function<String, String>, RateLimit> rateLimit) {
        return send(uri, headers, null, rateLimit);
    }

    /**
     * POSTs a form ({@code application/x-www-form-urlencoded}) to {@code uri}, e.g. for a token.
     */
    public Answer postForm(
            URI uri,
            Map<String, String> headers,
            String form,
            Function<Function<String, String>, RateLimit> rateLimit) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send(uri, all, HttpRequest.BodyPublishers.ofString(form), rateLimit);
    }

    /** POSTs without a body (an XRPC procedure without input). */
    public Answer post(
            URI uri,
            Map<String, String> headers,
            Function<Function<String, String>, RateLimit> rateLimit) {
        return send(uri, headers, HttpRequest.BodyPublishers.noBody(), rateLimit);
    }

    /** POSTs a JSON body to {@code uri}. */
    public Answer postJson(
            URI uri,
            Map<String, String> headers,
            String json,
            Function<Function<String, String>, RateLimit> rateLimit) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send(uri, all, HttpRequest.BodyPublishers.ofString(json), rateLimit);
    }

    private Answer send(
            URI uri,
            Map<String, String> headers,
            HttpRequest.BodyPublisher body,
            Function<Function<String, String>, RateLimit> rateLimit) {
        var request = HttpRequest.newBuilder(uri).timeout(config.sources().requestTimeout());
        if (headers.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
            request.header("User-Agent", config.sources().userAgent());
        }
        if (body == null) {
            request.GET();
        } else {
            request.POST(body);
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new SourceFailure(
                    SourceFailure.Kind.TIMEOUT, 0, "no answer within the timeout", null, null);
        } catch (IOException e) {
            throw new SourceFailure(
                    SourceFailure.Kind.NETWORK,
                    0,
                    "connection failed (" + e.getClass().getSimpleName() + ")",
                    null,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(SourceFailure.Kind.NETWORK, 0, "interrupted", null, null);
        }
        Function<String, String> header = name -> response.headers().firstValue(name).orElse(null);
        var status = response.statusCode();
        var limits = rateLimit.apply(header);
        if ((status >= 200 && status < 300) || status == 304) {
            return new Answer(
                    status, header, response.body() == null ? new byte[0] : response.body());
        }
        var now = Instant.now();
        var retryAt = RateLimit.retryAfter(header.apply("Retry-After"), now).orElse(null);
        if (retryAt == null && limits.resetAt() != null && (status == 429 || limits.exhausted())) {
            retryAt = limits.resetAt();
        }
        var detail = "HTTP " + status + describe(header.apply("Content-Type"), response.body());
        SourceFailure.Kind kind;
        if (status == 429) {
            kind = SourceFailure.Kind.RATE_LIMITED;
        } else if (status >= 500) {
            kind = SourceFailure.Kind.SERVER_ERROR;
        } else {
            kind = SourceFailure.Kind.REJECTED;
        }
        throw new SourceFailure(kind, status, detail, retryAt, limits);
    }

    /** A short, safe description of an error body: the JSON error string, or what kind it is. */
    private String describe(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        var type = contentType == null ? "" : contentType.toLowerCase();
        if (type.contains("json")) {
            try {
                var node = mapper.readTree(body);
                for (var field : new String[] {"error", "message", "detail", "title"}) {
                    var v = node.path(field);
                    if (v.isTextual()) {
                        var s = v.asText().replaceAll("[\\r\\n\\t]+", " ");
                        return ": " + (s.length() > 200 ? s.substring(0, 200) + "…" : s);
                    }
                }
                return " (JSON body)";
            } catch (IOException e) {
                return " (malformed JSON body)";
            }
        }
        if (type.contains("html")) {
            return " (HTML body)";
        }
        return " (" + (type.isEmpty() ? "untyped" : type.split(";")[0]) + " body)";
    }
}
