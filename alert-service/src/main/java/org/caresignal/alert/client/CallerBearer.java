package org.caresignal.alert.client;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The signed-in person's own access token as a {@link Bearer}, so the console calls
 * sentiment-service and ingest-service as that person (their roles, their audit trail). On a
 * dashboard page it is the {@code dashboard} tenant's access token (audience caresignal-api); on
 * /api the request's bearer token.
 */
@RequestScoped
public class CallerBearer {

    private final SecurityIdentity identity;

    public CallerBearer(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token; only called behind a role check, so an identity without one is a bug. */
    public Bearer get() {
        var credential =
                identity == null ? null : identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null) {
            throw new IllegalStateException("no access token on this request");
        }
        return new Bearer(credential.getToken());
    }
}
