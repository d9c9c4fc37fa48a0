package org.caresignal.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.caresignal.ingest.security.ApiKeyAuthenticationMechanism;
import org.caresignal.ingest.service.ConflictException;
import org.caresignal.ingest.service.ErasedPostException;
import org.caresignal.ingest.service.ForbiddenException;
import org.caresignal.ingest.service.InvalidInputException;
import org.caresignal.ingest.service.MatchesUnavailableException;
import org.caresignal.ingest.service.NotFoundException;
import org.caresignal.ingest.service.PublishedInFutureException;
import org.caresignal.ingest.service.SecretsUnavailableException;
import org.caresignal.ingest.service.TooManyMatchesException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure of a request to an application/problem+json answer without internals. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        var violations =
                e.getConstraintViolations().stream()
                        .map(v -> new ProblemDetail.Violation(fieldOf(v), v.getMessage()))
                        .sorted(Comparator.comparing(ProblemDetail.Violation::field))
                        .toList();
        var detail =
                violations.stream()
                        .map(v -> v.field() + " " + v.message())
                        .collect(Collectors.joining("; "));
        return problem(
                new ProblemDetail(
                        "about:blank", "Invalid request", 400, detail, path(uri), violations));
    }

    @ServerExceptionMapper({MismatchedInputException.class, JsonMappingException.class})
    public Response unreadableField(JsonMappingException e, UriInfo uri) {
        var field =
                e.getPath().stream()
                        .map(
                                r ->
                                        r.getFieldName() != null
                                                ? r.getFieldName()
                                                : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return problem(
                    ProblemDetail.of(
                            400,
                            "Malformed JSON",
                            "the body is not a JSON object of the expected shape",
                            path(uri)));
        }
        var violation = new ProblemDetail.Violation(field, "has the wrong type or format");
        return problem(
                new ProblemDetail(
                        "about:blank",
                        "Invalid request",
                        400,
                        field + " has the wrong type or format",
                        path(uri),
                        List.of(violation)));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return problem(
                ProblemDetail.of(400, "Malformed JSON", "the body is not valid JSON", path(uri)));
    }

    @ServerExceptionMapper
    public Response future(PublishedInFutureException e, UriInfo uri) {
        return problem(
                new ProblemDetail(
                        "about:blank",
                        "Invalid request",
                        400,
                        e.getMessage(),
                        path(uri),
                        List.of(new ProblemDetail.Violation("publishedAt", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, UriInfo uri) {
        return problem(
                new ProblemDetail(
                        "about:blank",
                        "Invalid request",
                        400,
                        e.field() + ": " + e.getMessage(),
                        path(uri),
                        List.of(new ProblemDetail.Violation(e.field(), e.getMessage())),
                        e.position()));
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        return problem(
                new ProblemDetail(
                        "about:blank",
                        "Invalid request",
                        400,
                        e.getMessage(),
                        path(uri),
                        e.violations()));
    }

    /** No credential at all: a 401 with the Bearer challenge (RFC 6750). */
    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return unauthorized(
                ApiKeyAuthenticationMechanism.CHALLENGE,
                "a bearer token is required (an API key for the webhook)",
                uri);
    }

    /**
     * A token or API key that is not valid (unknown, revoked, expired, badly signed, for another
     * audience): 401 with {@code error="invalid_token"}, never saying which check failed.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(
            io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(
                ApiKeyAuthenticationMechanism.CHALLENGE + ", error=\"invalid_token\"",
                "the bearer token or API key is not valid",
                uri);
    }

    /** An identity without the role this endpoint needs (which roles do is not said). */
    @ServerExceptionMapper
    public Response notAllowed(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return problem(
                ProblemDetail.of(
                        403, "Forbidden", "your roles do not allow this request", path(uri)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemDetail.of(403, "Forbidden", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(ProblemDetail.of(404, "Not Found", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return problem(ProblemDetail.of(409, "Conflict", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response erased(ErasedPostException e, UriInfo uri) {
        return problem(ProblemDetail.of(409, "Conflict", ErasedPostException.DETAIL, path(uri)));
    }

    @ServerExceptionMapper
    public Response tooManyMatches(TooManyMatchesException e, UriInfo uri) {
        return problem(ProblemDetail.of(422, "Unprocessable Content", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response matchesUnavailable(MatchesUnavailableException e, UriInfo uri) {
        return problem(ProblemDetail.of(503, "Service Unavailable", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response secretsUnavailable(SecretsUnavailableException e, UriInfo uri) {
        return problem(ProblemDetail.of(503, "Service Unavailable", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response staleWrite(OptimisticLockException e, UriInfo uri) {
        return problem(
                ProblemDetail.of(
                        409,
                        "Conflict",
                        "the resource was changed by another request; read it again",
                        path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps a body it cannot parse in a plain 400.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableField(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException parsing) {
            return malformed(parsing, uri);
        }
        var status = e.getResponse().getStatusInfo();
        return problem(
                ProblemDetail.of(
                        status.getStatusCode(), status.getReasonPhrase(), null, path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "Unhandled error on %s", path(uri));
        return problem(
                ProblemDetail.of(
                        500,
                        "Internal Server Error",
                        "the request could not be completed",
                        path(uri)));
    }

    private static Response unauthorized(String challenge, String detail, UriInfo uri) {
        return Response.status(401)
                .type(ProblemDetail.MEDIA_TYPE)
                .header("WWW-Authenticate", challenge)
                .entity(ProblemDetail.of(401, "Unauthorized", detail, path(uri)))
                .build();
    }

    private static Response problem(ProblemDetail body) {
        return Response.status(body.status()).type(ProblemDetail.MEDIA_TYPE).entity(body).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // The path runs method, parameter, field; clients only know the JSON field name.
        var field = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                field = node.getName();
            }
        }
        return field;
    }
}
