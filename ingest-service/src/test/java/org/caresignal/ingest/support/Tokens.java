package org.caresignal.ingest.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.caresignal.ingest.security.Roles;

/**
 * Access tokens for the tests, signed with the key of {@link OidcServer}
 * (quarkus-test-oidc-server's {@code privateKey.jwk}), shaped like the provider's: issuer, audience
 * {@code caresignal-api}, {@code sub}, {@code preferred_username} and the roles in {@code groups}.
 */
public final class Tokens {

    /** The issuer the test provider's discovery document names. */
    public static final String ISSUER = "https://server.example.com";

    public static final String AUDIENCE = "caresignal-api";

    private Tokens() {}

    public static String viewer() {
        return of("test-viewer", Roles.VIEWER);
    }

    public static String analyst() {
        return of("test-analyst", Roles.ANALYST);
    }

    public static String responder() {
        return of("test-responder", Roles.RESPONDER);
    }

    public static String admin() {
        return of("test-admin", Roles.ADMIN);
    }

    /** A valid token for this username (its subject is {@link #subject}) with these roles. */
    public static String of(String username, String... roles) {
        return build(username, AUDIENCE, Duration.ofHours(1), roles);
    }

    /** A token that expired a minute ago. */
    public static String expired(String username, String... roles) {
        return build(username, AUDIENCE, Duration.ofMinutes(-1), roles);
    }

    /** A token the provider issued for another application (another audience). */
    public static String forAudience(String audience, String username, String... roles) {
        return build(username, audience, Duration.ofHours(1), roles);
    }

    /** The {@code sub} of this username's tokens: stable, and unlike the username. */
    public static String subject(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A username no other test uses. */
    public static String uniqueUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String build(
            String username, String audience, Duration lifetime, String... roles) {
        var now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(subject(username))
                .preferredUserName(username)
                .groups(Set.of(roles))
                .issuedAt(now - 120)
                .expiresAt(now + lifetime.toSeconds())
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }
}
