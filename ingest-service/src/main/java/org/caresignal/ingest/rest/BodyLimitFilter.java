package org.caresignal.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose Content-Length is over {@code quarkus.http.limits.max-body-size} with a
 * 413 application/problem+json before any of the body is read (Quarkus alone answers an empty 413).
 * A chunked body without a Content-Length is cut off by Quarkus REST at the same limit, with an
 * empty 413 and the connection closed.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long limit;
    private final ObjectMapper mapper;

    public BodyLimitFilter(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // Before Quarkus's own Content-Length check (ROUTE_ORDER_UPLOAD_LIMIT), which ends the
        // request with an empty body.
        router.route()
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::checkDeclaredLength);
    }

    private void checkDeclaredLength(RoutingContext context) {
        var declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            tooLarge(context);
            return;
        }
        context.next();
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            // Vert.x refuses a malformed Content-Length itself.
            return false;
        }
    }

    private void tooLarge(RoutingContext context) {
        var problem =
                ProblemDetail.of(
                        413,
                        "Payload Too Large",
                        "the body is larger than the "
                                + limit
                                + " bytes this service takes; send fewer mentions per batch",
                        context.normalizedPath());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"title\":\"Payload Too Large\"}";
        }
        // The rest of the body is not read: close rather than drain it.
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
