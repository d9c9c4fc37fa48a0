package org.caresignal.alert.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way the console's clients talk to another CareSignal service: JSON over plain HTTP with
 * the caller's bearer token, a deadline per call, no redirects, and every failure classified into
 * {@link ServiceUnavailableException} or {@link ServiceRefusedException} with the status only. The
 * address is the operator's (configuration), not a user's, so the channels' outbound policy against
 * internal addresses does not apply.
 */
final class JsonHttp {

    /** Bodies larger than this are not a console answer: treated as unavailable. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final String service;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;

    JsonHttp(String service, URI base, Duration timeout, ObjectMapper json) {
        this.service = service;
        this.base = base;
        this.timeout = timeout;
        this.json = json;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    String service() {
        return service;
    }

    <T> T get(Bearer bearer, String path, Query query, Class<T> type) {
        return read(send(bearer, request(path, query).GET()), json.constructType(type));
    }

    <T> T get(Bearer bearer, String path, Query query, JavaType type) {
        return read(send(bearer, request(path, query).GET()), type);
    }

    <T> T post(Bearer bearer, String path, Object body, Class<T> type) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
        var builder =
                request(path, Query.empty())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return read(send(bearer, builder), json.constructType(type));
    }

    /** A DELETE whose answer (200 with a body, or 204) is not needed. */
    void delete(Bearer bearer, String path) {
        send(bearer, request(path, Query.empty()).DELETE());
    }

    /**
     * A GET whose body is streamed to the caller (who closes it), e.g. a CSV export; the status is
     * checked before anything is read.
     */
    InputStream stream(Bearer bearer, String path, Query query, String accept) {
        var request =
                request(path, query)
                        .header("Accept", accept)
                        .header("Authorization", bearer.header())
                        .GET()
                        .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unavailable(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, e);
        }
        var status = response.statusCode();
        if (status / 100 != 2) {
            try (var ignored = response.body()) {
                // Only the status is kept; the body is dropped unread.
            } catch (IOException e) {
                Log.debugf("%s: closing a refused body failed: %s", service, e);
            }
            throw failure(path, status);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path, Query query) {
        var uri = URI.create(stripSlash(base.toString()) + path + query.encoded());
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    }

    private byte[] send(Bearer bearer, HttpRequest.Builder builder) {
        var request = builder.header("Authorization", bearer.header()).build();
        var path = request.uri().getRawPath();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, e);
        }
        var status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(path, status);
        }
        var body = response.body();
        if (body != null && body.length > MAX_BODY) {
            Log.warnf("%s %s answered %d bytes; over the limit", service, path, body.length);
            throw new ServiceUnavailableException(service, status);
        }
        return body == null ? new byte[0] : body;
    }

    private <T> T read(byte[] body, JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            // Not the documented shape: nothing of it is shown or logged, only that it happened.
            // The parser's message can quote the body, so it is not kept as the cause either.
            Log.warnf("%s answered a body that is not the documented JSON", service);
            throw new ServiceUnavailableException(service, (Throwable) null);
        }
    }

    private RuntimeException failure(String path, int status) {
        if (status >= 400 && status < 500) {
            Log.debugf("%s %s answered HTTP %d", service, path, status);
            return new ServiceRefusedException(service, status);
        }
        Log.warnf("%s %s answered HTTP %d", service, path, status);
        return new ServiceUnavailableException(service, status);
    }

    private ServiceUnavailableException unavailable(String path, IOException e) {
        // The exception's class says enough (connect refused, timeout); its message may hold an
        // address.
        Log.warnf("%s %s: %s", service, path, e.getClass().getSimpleName());
        return new ServiceUnavailableException(service, e);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Query parameters in order; null values are left out. */
    static final class Query {
        private final List<String> parts = new ArrayList<>();

        static Query empty() {
            return new Query();
        }

        Query add(String name, Object value) {
            if (value != null && !(value instanceof String s && s.isEmpty())) {
                parts.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
            return this;
        }

        String encoded() {
            return parts.isEmpty() ? "" : "?" + String.join("&", parts);
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** A path segment (brand id, mention id) encoded for a URL path. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
