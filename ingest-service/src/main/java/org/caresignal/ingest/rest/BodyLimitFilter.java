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
 * Enforces {@code quarkus.http.limits.max-body-size} before any of a body is read: a request whose
 * Content-Length is over it gets 413 application/problem+json (Quarkus alone answers an empty 413),
 * and a chunked body, whose size is known only once it has been read, gets 411 asking for a
 * Content-Length (Quarkus REST would cut it off at the limit and log the broken read as an error, a
 * cheap way to flood the log).
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
            refuse(
                    context,
                    413,
                    "Payload Too Large",
                    "the body is larger than the "
                            + limit
                            + " bytes this service takes; send fewer mentions per batch");
            return;
        }
        if (declared == null
                && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            refuse(
                    context,
                    411,
                    "Length Required",
                    "send the body with a Content-Length (at most " + limit + " bytes)");
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

    private void refuse(RoutingContext context, int status, String title, String detail) {
        var problem = ProblemDetail.of(status, title, detail, context.normalizedPath());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        // The rest of the body is not read: close rather than drain it.
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
