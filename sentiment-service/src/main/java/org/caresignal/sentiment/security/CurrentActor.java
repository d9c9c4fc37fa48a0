package org.caresignal.sentiment.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.caresignal.sentiment.domain.Actor;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns the request's verified {@link SecurityIdentity} into the {@link Actor} the audit names. */
@RequestScoped
public class CurrentActor {

    private final SecurityIdentity identity;

    public CurrentActor(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller: the token's {@code sub} and the principal name; a token without {@code sub} is
     * recorded under its principal name for both.
     */
    public Actor get() {
        if (identity.isAnonymous()) {
            // Only reachable from a method without a role rule, which the matrix test forbids.
            throw new UnauthorizedException();
        }
        var principal = identity.getPrincipal();
        var username = principal.getName();
        var subject =
                principal instanceof JsonWebToken jwt && jwt.getSubject() != null
                        ? jwt.getSubject()
                        : username;
        return new Actor(subject, username);
    }
}
