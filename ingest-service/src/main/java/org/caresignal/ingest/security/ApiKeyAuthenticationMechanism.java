package org.caresignal.ingest.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import org.caresignal.ingest.domain.ApiKeys;
import org.caresignal.ingest.service.IntegrationService;

/**
 * Takes a CareSignal API key from {@code Authorization: Bearer csk_…} or {@code X-Api-Key} and has
 * {@link ApiKeyIdentityProvider} check it. It runs before the OIDC mechanism (higher priority than
 * {@code quarkus.oidc.priority}, 1001), so a key is never sent to the token verifier: a valid key
 * becomes the integration's identity, an unknown or revoked one fails the request (401) without
 * OIDC being asked, and any other bearer token (a JWT) is left to OIDC.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String API_KEY_HEADER = "X-Api-Key";

    /** The challenge of every 401 of this service, API key or token alike (RFC 6750). */
    public static final String CHALLENGE = "Bearer realm=\"caresignal-ingest\"";

    static final int PRIORITY = 2000;

    private static final String BEARER = "bearer ";
    private static final Set<String> WEBHOOK_PATHS = Set.of("/api/mentions", "/api/mentions/batch");

    private final IntegrationService integrations;

    public ApiKeyAuthenticationMechanism(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext context, IdentityProviderManager identityProviderManager) {
        var authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        var apiKey = context.request().getHeader(API_KEY_HEADER);
        var key = presentedKey(authorization, apiKey);
        if (key == null) {
            if (!isBearer(authorization) && WEBHOOK_PATHS.contains(context.normalizedPath())) {
                // No credential a webhook could use: counted as a missing key, as always.
                integrations.countRefused("missing");
            }
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(
                        new ApiKeyAuthenticationRequest(key), context));
    }

    /**
     * The API key of the request: a bearer value starting with {@code csk_}, else a non-blank
     * {@code X-Api-Key}; null when there is none (another bearer token is OIDC's).
     */
    static String presentedKey(String authorization, String apiKey) {
        if (isBearer(authorization)) {
            var token = authorization.strip().substring(BEARER.length()).strip();
            if (token.startsWith(ApiKeys.PREFIX)) {
                return token;
            }
        }
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    private static boolean isBearer(String authorization) {
        if (authorization == null) {
            return false;
        }
        var value = authorization.strip();
        return value.length() > BEARER.length()
                && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom()
                .item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new HttpCredentialTransport(
                                HttpCredentialTransport.Type.OTHER_HEADER,
                                API_KEY_HEADER,
                                "api-key"));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
