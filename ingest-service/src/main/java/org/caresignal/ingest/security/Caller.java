package org.caresignal.ingest.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.Integration;
import org.caresignal.ingest.service.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller of the current request: turns its {@link SecurityIdentity} into the {@link
 * Actor} recorded for what it does (the token's {@code sub} and username, or {@code
 * integration:<id>} and the integration's name for an API key), and gives the integration behind an
 * API key.
 */
@ApplicationScoped
public class Caller {

    /** Identity attribute: the subject of an identity that is not a token's. */
    static final String SUBJECT = "caresignal.subject";

    /** Identity attribute: the {@link Integration} an API key belongs to. */
    static final String INTEGRATION = "caresignal.integration";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Who is calling, as recorded in the audit log and on changes. */
    public Actor actor() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        var username = identity.getPrincipal().getName();
        String subject = identity.getAttribute(SUBJECT);
        if (subject == null && identity.getPrincipal() instanceof JsonWebToken token) {
            subject = token.getSubject();
        }
        if (subject == null || subject.isBlank()) {
            // A provider that issues no `sub` (rare): the username is the best stable name left.
            subject = "username:" + username;
        }
        return new Actor(subject, username == null || username.isBlank() ? subject : username);
    }

    /**
     * The caller's own bearer token as an Authorization header value, to pass on to another
     * CareSignal service that checks the caller's roles itself (never a service identity).
     *
     * @throws UnauthorizedException when the caller did not authenticate with a token
     */
    public String bearerAuthorization() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null) {
            return "Bearer " + token.getRawToken();
        }
        throw new UnauthorizedException();
    }

    /**
     * The integration whose API key authenticated the request.
     *
     * @throws ForbiddenException when the caller is not an API key (e.g. a token that happens to
     *     carry a role named {@code integration}): only keys push mentions
     */
    public Integration integration() {
        return Optional.ofNullable(identity.<Integration>getAttribute(INTEGRATION))
                .orElseThrow(
                        () ->
                                new ForbiddenException(
                                        "only an integration's API key may push mentions"));
    }
}
