package org.caresignal.alert.dashboard;

import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.HashSet;
import org.caresignal.alert.config.AlertConfig;

/**
 * Refuses a dashboard form that a browser sent from another site (see {@link SameOrigin}): the
 * allowed origins are the one the request was addressed to and the one of the configured dashboard
 * URL (what alerts link to, e.g. behind a reverse proxy).
 */
@Provider
@SameOriginForm
public class SameOriginGuard implements ContainerRequestFilter {

    // Providers are made before configuration mappings exist: the mapping is read per request.
    private final Instance<AlertConfig> config;

    public SameOriginGuard(Instance<AlertConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        var allowed = new HashSet<String>();
        SameOrigin.normalize(config.get().incidents().dashboardUrl()).ifPresent(allowed::add);
        SameOrigin.normalize(request.getUriInfo().getBaseUri().toString()).ifPresent(allowed::add);
        var refusal =
                SameOrigin.refusal(
                        request.getHeaderString("Origin"),
                        request.getHeaderString("Sec-Fetch-Site"),
                        allowed);
        if (refusal.isPresent()) {
            Log.warnf(
                    "Dashboard form to %s refused: %s",
                    request.getUriInfo().getPath(), refusal.get());
            request.abortWith(
                    Response.status(Response.Status.FORBIDDEN)
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                            .entity(
                                    DashboardResource.Templates.error(
                                                    "Refused",
                                                    "This form can only be sent from the dashboard"
                                                            + " page itself: "
                                                            + refusal.get()
                                                            + ". Open the incident in the dashboard"
                                                            + " and try again.")
                                            .render())
                            .build());
        }
    }
}
