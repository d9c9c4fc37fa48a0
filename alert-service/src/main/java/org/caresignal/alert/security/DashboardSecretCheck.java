package org.caresignal.alert.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start (before anything else starts) without the dashboard client's secret ({@code
 * DASHBOARD_OIDC_CLIENT_SECRET}): without it quarkus-oidc would still start, fail every sign-in at
 * the provider and encrypt the session cookies with a random key per start.
 */
@ApplicationScoped
public class DashboardSecretCheck {

    void check(
            @Observes @Priority(1) StartupEvent start,
            @ConfigProperty(name = "quarkus.oidc.dashboard.tenant-enabled", defaultValue = "true")
                    boolean enabled,
            @ConfigProperty(name = "quarkus.oidc.dashboard.credentials.secret")
                    Optional<String> secret) {
        problem(enabled, secret)
                .ifPresent(
                        p -> {
                            throw new IllegalStateException(p);
                        });
    }

    /** What is wrong with the dashboard client's configuration, if anything. */
    static Optional<String> problem(boolean enabled, Optional<String> secret) {
        if (enabled && secret.map(String::isBlank).orElse(true)) {
            return Optional.of(
                    "DASHBOARD_OIDC_CLIENT_SECRET is not set: the dashboard's OIDC client needs its"
                            + " secret (it also keys the session cookies); set it, or turn the"
                            + " dashboard tenant off with QUARKUS_OIDC_DASHBOARD_TENANT_ENABLED=false");
        }
        return Optional.empty();
    }
}
