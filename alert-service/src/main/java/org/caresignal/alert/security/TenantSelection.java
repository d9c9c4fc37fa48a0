package org.caresignal.alert.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the two OIDC tenants on their paths: outside /dashboard every request is the default,
 * bearer-only tenant. Without this, quarkus-oidc would pick the dashboard tenant for any request
 * carrying its session cookie, and the cookie would open /api; on /dashboard the configured {@code
 * tenant-paths} decide.
 */
@ApplicationScoped
public class TenantSelection implements TenantResolver {

    /** quarkus-oidc's id of the default tenant (the {@code quarkus.oidc.*} settings). */
    static final String DEFAULT_TENANT = "Default";

    @Override
    public String resolve(RoutingContext context) {
        var path = context.normalizedPath();
        if (path.equals("/dashboard") || path.startsWith("/dashboard/")) {
            return null;
        }
        return DEFAULT_TENANT;
    }
}
