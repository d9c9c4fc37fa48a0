package org.caresignal.sentiment.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception that reaches the REST layer into an RFC 9457 problem response. */
public class ProblemExceptionMappers {

    /**
     * No token, or one that failed verification (signature, issuer, audience, expiry): 401 with a
     * Bearer challenge. The detail never says what was wrong with the token, nor echoes it.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Log.debugf("Unauthenticated request to %s: %s", uri.getRequestUri().getPath(), e);
        return Response.fromResponse(
                        response(
                                ProblemDetail.of(
                                        401,
                                        "Unauthorized",
                                        "A valid bearer token is required.",
                                        uri.getRequestUri().getPath())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** A verified caller without a role the operation needs: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(
                ProblemDetail.of(
                        403,
                        "Forbidden",
                        "Your roles do not allow this operation.",
                        uri.getRequestUri().getPath()));
    }

    @ServerExceptionMapper
    public Response validationFailed(ConstraintViolationException e, UriInfo uri) {
        boolean ourFault =
                e.getConstraintViolations().stream()
                        .anyMatch(v -> kindOfLast(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (ourFault) {
            return unexpected(e, uri);
        }
        var violations =
                e.getConstraintViolations().stream()
                        .map(v -> new ProblemDetail.Violation(fieldName(v), v.getMessage()))
                        .sorted(Comparator.comparing(ProblemDetail.Violation::field))
                        .toList();
        var problem =
                new ProblemDetail(
                        "about:blank",
                        "Bad Request",
                        400,
                        "The request is not valid.",
                        uri.getRequestUri().getPath(),
                        violations);
        return response(problem);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return response(
                new ProblemDetail(
                        "about:blank",
                        "Bad Request",
                        400,
                        "The request is not valid.",
                        uri.getRequestUri().getPath(),
                        java.util.List.of(
                                new ProblemDetail.Violation(e.parameter(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, UriInfo uri) {
        var status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uri);
        }
        // Body-reading failures carry the parser's message, which names our classes.
        var detail =
                e.getCause() instanceof JsonProcessingException
                        ? "The request body is not valid JSON for this operation."
                        : e.getMessage();
        return response(
                ProblemDetail.of(
                        status.getStatusCode(),
                        status.getReasonPhrase(),
                        detail,
                        uri.getRequestUri().getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        var reference = UUID.randomUUID();
        Log.errorf(e, "Request %s failed (reference %s)", uri.getRequestUri().getPath(), reference);
        return response(
                ProblemDetail.of(
                        500,
                        "Internal Server Error",
                        "The request could not be completed; reference " + reference + ".",
                        uri.getRequestUri().getPath()));
    }

    private static Response response(ProblemDetail problem) {
        return Response.status(problem.status())
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /** The last node of the path: the parameter or JSON property name, not the method chain. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name == null ? "" : name;
    }

    private static ElementKind kindOfLast(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }
}
