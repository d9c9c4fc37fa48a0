package org.caresignal.ingest.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.ingest.service.IntegrationService;

/**
 * Checks an API key against the stored key hashes (on a worker thread: it reads the database) and
 * makes the integration's identity: principal = its name, the single role {@code integration},
 * subject {@code integration:<id>}, and the integration itself for its brand grant. An unknown or
 * revoked key fails authentication.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final IntegrationService integrations;

    public ApiKeyIdentityProvider(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(
                () -> {
                    var integration =
                            integrations
                                    .authenticate(request.key())
                                    .orElseThrow(
                                            () ->
                                                    new AuthenticationFailedException(
                                                            "the API key is not valid"));
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(integration.name))
                            .addRole(Roles.INTEGRATION)
                            .addAttribute(Caller.SUBJECT, "integration:" + integration.id)
                            .addAttribute(Caller.INTEGRATION, integration)
                            .build();
                });
    }
}
