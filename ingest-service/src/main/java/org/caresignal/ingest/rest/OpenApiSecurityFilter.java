package org.caresignal.ingest.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.caresignal.ingest.security.ApiKeyAuthenticationMechanism;
import org.caresignal.ingest.security.Roles;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the security of the OpenAPI document at build time: Quarkus states each operation's
 * roles under the OIDC scheme (from its {@code @RolesAllowed}); the webhook's operations, whose
 * only role is {@code integration}, take a CareSignal API key instead, so they name the two API-key
 * schemes (declared here) rather than OIDC.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiSecurityFilter implements OASFilter {

    static final String BEARER_KEY = "bearerKey";
    static final String API_KEY_HEADER = "apiKeyHeader";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        var components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme(
                BEARER_KEY,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                                "Authorization: Bearer <integration API key> (csk_…), for the"
                                        + " webhook only"));
        components.addSecurityScheme(
                API_KEY_HEADER,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name(ApiKeyAuthenticationMechanism.API_KEY_HEADER)
                        .description("<integration API key> (csk_…), for the webhook only"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (var item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                if (isForIntegrationsOnly(operation)) {
                    operation.setSecurity(
                            new ArrayList<>(
                                    List.of(
                                            OASFactory.createSecurityRequirement()
                                                    .addScheme(BEARER_KEY),
                                            OASFactory.createSecurityRequirement()
                                                    .addScheme(API_KEY_HEADER))));
                }
            }
        }
    }

    private static boolean isForIntegrationsOnly(Operation operation) {
        var security = operation.getSecurity();
        if (security == null || security.isEmpty()) {
            return false;
        }
        var roles = new java.util.HashSet<String>();
        for (var requirement : security) {
            requirement.getSchemes().values().forEach(roles::addAll);
        }
        return roles.equals(Set.of(Roles.INTEGRATION));
    }
}
