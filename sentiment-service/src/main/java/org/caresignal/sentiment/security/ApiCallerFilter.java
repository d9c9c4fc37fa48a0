package org.caresignal.sentiment.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an anonymous request anywhere under {@code /api} before the route is matched, so that a
 * stranger gets 401 for every path, known or not, and learns nothing of which paths exist. The
 * roles of each endpoint are still checked by its own annotation.
 */
public class ApiCallerFilter {

    private final CurrentIdentityAssociation identities;

    public ApiCallerFilter(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Void> requireCaller(UriInfo uri) {
        var path = uri.getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        return identities
                .getDeferredIdentity()
                .invoke(
                        identity -> {
                            if (identity.isAnonymous()) {
                                throw new UnauthorizedException();
                            }
                        })
                .replaceWithVoid();
    }
}
