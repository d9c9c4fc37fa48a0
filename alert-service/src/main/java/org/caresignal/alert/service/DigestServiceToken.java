package org.caresignal.alert.service;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.config.AlertConfig;

/**
 * The service's own access token for what it reads without a person: the client-credentials grant
 * of {@code caresignal-services} ({@code quarkus.oidc-client}), kept until it is about to expire.
 * The token is never logged ({@link Bearer#toString()} hides it).
 */
@ApplicationScoped
public class DigestServiceToken {

    private final OidcClient client;
    private final Duration timeout;
    private Tokens tokens;

    public DigestServiceToken(OidcClient client, AlertConfig config) {
        this.client = client;
        this.timeout = config.console().timeout();
    }

    /**
     * A valid service token, fetched from the provider when none is held or it nears expiry.
     *
     * @throws RuntimeException when the provider does not issue one (its text is not shown)
     */
    public synchronized Bearer bearer() {
        if (tokens == null
                || tokens.isAccessTokenExpired()
                || tokens.isAccessTokenWithinRefreshInterval()) {
            tokens = client.getTokens().await().atMost(timeout);
        }
        return new Bearer(tokens.getAccessToken());
    }
}
