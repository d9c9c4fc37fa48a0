package org.caresignal.alert.rest;

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
import java.util.List;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.SecretCipher;
import org.caresignal.alert.domain.incident.IllegalTransitionException;
import org.caresignal.alert.service.IncidentService;
import org.caresignal.alert.service.SecretsUnavailableException;
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
        return problem(ProblemDetail.invalid(violations, path(uri)));
    }

    @ServerExceptionMapper
    public Response parameters(InvalidParametersException e, UriInfo uri) {
        return problem(ProblemDetail.invalid(e.violations(), path(uri)));
    }

    /** No identity (no token, or none on this request): the client must authenticate. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return challenge(
                "Bearer",
                ProblemDetail.of(
                        401,
                        "Unauthorized",
                        "a bearer token from the identity provider is required",
                        path(uri)));
    }

    /** A token that failed verification (signature, issuer, audience, expiry): never echoed. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return challenge(
                "Bearer error=\"invalid_token\"",
                ProblemDetail.of(
                        401,
                        "Unauthorized",
                        "the bearer token is not valid for this service",
                        path(uri)));
    }

    /** A verified identity without a role that may call this endpoint. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(
                ProblemDetail.of(
                        403,
                        "Forbidden",
                        "your roles do not allow this request (see docs/security.md)",
                        path(uri)));
    }

    @ServerExceptionMapper
    public Response window(InvalidWindowException e, UriInfo uri) {
        return problem(
                ProblemDetail.invalid(
                        List.of(new ProblemDetail.Violation(e.parameter(), e.problem())),
                        path(uri)));
    }

    @ServerExceptionMapper
    public Response notFound(IncidentService.NotFoundException e, UriInfo uri) {
        return problem(ProblemDetail.of(404, "Not Found", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response conflict(IllegalTransitionException e, UriInfo uri) {
        return problem(ProblemDetail.of(409, "Conflict", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response secretsUnavailable(SecretsUnavailableException e, UriInfo uri) {
        return problem(ProblemDetail.of(503, "Service Unavailable", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unreadableSecret(SecretCipher.UnreadableSecretException e, UriInfo uri) {
        // The message names the channel, the secret's name and the key id, never the value.
        return problem(
                ProblemDetail.of(
                        409,
                        "Conflict",
                        e.getMessage() + "; send that secret again to replace it",
                        path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
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

    private static Response challenge(String challenge, ProblemDetail body) {
        return Response.status(body.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(body)
                .build();
    }

    private static Response problem(ProblemDetail body) {
        return Response.status(body.status()).type(ProblemDetail.MEDIA_TYPE).entity(body).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // The path runs method, parameter (or property); clients only know the parameter name.
        var field = "request";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER || node.getKind() == ElementKind.PROPERTY) {
                field = node.getName();
            }
        }
        return field;
    }
}
