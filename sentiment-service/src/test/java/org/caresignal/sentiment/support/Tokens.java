package org.caresignal.sentiment.support;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.caresignal.sentiment.security.Roles;

/**
 * Bearer tokens for tests, signed by quarkus-test-oidc-server's key ({@link OidcTestServer}):
 * {@code preferred_username} = the username, {@code sub} = {@link #subjectOf(String)}, roles in
 * {@code groups}. Fresh on every call (they expire after five minutes).
 */
public final class Tokens {

    public static final String VIEWER = "test-viewer";
    public static final String ANALYST = "test-analyst";
    public static final String RESPONDER = "test-responder";
    public static final String ADMIN = "test-admin";

    private Tokens() {}

    public static String viewer() {
        return of(VIEWER, Roles.VIEWER);
    }

    public static String analyst() {
        return of(ANALYST, Roles.ANALYST);
    }

    public static String responder() {
        return of(RESPONDER, Roles.RESPONDER);
    }

    public static String admin() {
        return of(ADMIN, Roles.ADMIN);
    }

    /** The token of one of the four roles, for the user named like the constants above. */
    public static String forRole(String role) {
        return of("test-" + role, role);
    }

    /** A token for {@code username} holding {@code roles}. */
    public static String of(String username, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(
                username, Set.of(roles), subjectOf(username), "Bearer");
    }

    /** A token of the right issuer and key, but issued for another application. */
    public static String forOtherAudience(String username, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(
                username,
                Set.of(roles),
                subjectOf(username),
                "Bearer",
                Set.of("https://other-application.example.com"));
    }

    /** A token that was valid until an hour ago. */
    public static String expired(String username, String... roles) {
        var issued = Instant.now().minusSeconds(7200);
        return Jwt.preferredUserName(username)
                .groups(Set.of(roles))
                .issuer(OidcTestServer.ISSUER)
                .audience(OidcTestServer.AUDIENCE)
                .subject(subjectOf(username))
                .claim("typ", "Bearer")
                .issuedAt(issued)
                .expiresAt(issued.plusSeconds(3600))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    /** The {@code sub} of every token of {@code username}: a UUID derived from the name. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("sub:" + username).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A username no other test uses, for tests that look for their own audit rows. */
    public static String freshUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
