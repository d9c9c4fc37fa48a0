package org.caresignal.alert.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens as the identity provider issues them (Keycloak's shape: {@code sub}, {@code
 * preferred_username}, {@code realm_access.roles}, audience {@code caresignal-api}), signed with
 * quarkus-test-oidc-server's key, so the service verifies them like real ones.
 */
public final class Tokens {

    /** The issuer the test server announces in its discovery document. */
    public static final String ISSUER = "https://server.example.com";

    /** The audience alert-service requires ({@code OIDC_AUDIENCE}'s default). */
    public static final String AUDIENCE = "caresignal-api";

    /** The dashboard's client id ({@code DASHBOARD_OIDC_CLIENT_ID}'s default). */
    public static final String DASHBOARD_CLIENT = "caresignal-dashboard";

    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** A person with only the {@code viewer} role (username {@code viewer}). */
    public static String viewer() {
        return of("viewer", "viewer");
    }

    public static String analyst() {
        return of("analyst", "analyst");
    }

    public static String responder() {
        return of("responder", "responder");
    }

    public static String admin() {
        return of("admin", "admin");
    }

    /** A token of {@code username} with these realm roles (none: an identity without a role). */
    public static String of(String username, String... roles) {
        return CACHE.computeIfAbsent(
                username + "|" + String.join(",", roles),
                k -> sign(username, AUDIENCE, Instant.now().plus(LIFETIME), roles));
    }

    /** A token for another audience: valid signature, wrong service. */
    public static String forAudience(String audience, String username, String... roles) {
        return sign(username, audience, Instant.now().plus(LIFETIME), roles);
    }

    /** A token that expired an hour ago. */
    public static String expired(String username, String... roles) {
        return sign(username, AUDIENCE, Instant.now().minus(Duration.ofHours(1)), roles);
    }

    /** The stable {@code sub} of a test user (a UUID, as Keycloak's). */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(
                        ("caresignal-test:" + username).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The ID token the provider gives the dashboard client at login. */
    static String idToken(String username) {
        var now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(DASHBOARD_CLIENT)
                .subject(subjectOf(username))
                .preferredUserName(username)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    /** The access token the provider gives the dashboard client at login (roles in it). */
    static String dashboardAccessToken(String username, String... roles) {
        return sign(username, DASHBOARD_CLIENT, Instant.now().plus(LIFETIME), roles);
    }

    private static String sign(
            String username, String audience, Instant expiresAt, String... roles) {
        var issued = expiresAt.isBefore(Instant.now()) ? expiresAt.minus(LIFETIME) : Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(subjectOf(username))
                .preferredUserName(username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(issued)
                .expiresAt(expiresAt)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }
}
