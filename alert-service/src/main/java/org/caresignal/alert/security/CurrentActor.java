package org.caresignal.alert.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.TreeSet;
import org.caresignal.alert.domain.Actor;
import org.caresignal.alert.domain.privacy.SampleDisclosure;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified identity of the current request as an {@link Actor} (subject and username from the
 * token, whether a bearer token on /api or the dashboard's session), and its roles.
 */
@RequestScoped
public class CurrentActor {

    private final SecurityIdentity identity;

    public CurrentActor(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The actor; only called behind a role check, so an anonymous request is a bug. */
    public Actor get() {
        return of(identity);
    }

    /** True when someone signed in (the dashboard shows their name). */
    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** The roles of the request that CareSignal knows, sorted. */
    public Set<String> roles() {
        var known = new TreeSet<String>();
        for (var role : Set.of(Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN)) {
            if (identity.hasRole(role)) {
                known.add(role);
            }
        }
        return known;
    }

    /**
     * What of a sample mention this person may see: its post link and excerpt for analysts and
     * responders (who follow up on posts), the mention id alone for viewers and admins.
     */
    public SampleDisclosure sampleDisclosure() {
        return signedIn() && (identity.hasRole(Roles.ANALYST) || identity.hasRole(Roles.RESPONDER))
                ? SampleDisclosure.FULL
                : SampleDisclosure.IDS_ONLY;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The {@link Actor} of a verified identity. */
    public static Actor of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new IllegalStateException("no verified identity on this request");
        }
        var principal = identity.getPrincipal();
        var subject =
                principal instanceof JsonWebToken jwt && jwt.getSubject() != null
                        ? jwt.getSubject()
                        : principal.getName();
        return new Actor(subject, principal.getName());
    }
}
