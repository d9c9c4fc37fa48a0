package org.caresignal.alert.dashboard;

import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.regex.Pattern;
import org.caresignal.alert.client.CallerBearer;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console's timeline page: volume and sentiment of a brand or facility over the chosen range,
 * filterable by source and aspect, with the detector's expected band and incident markers; a table
 * first, a zoomable chart when scripts run. Read from sentiment- and ingest-service as the person.
 */
@Path("/dashboard/timeline")
@DashboardPage
@Produces(MediaType.TEXT_HTML)
public class TimelineResource {

    private static final Pattern SLUG = Pattern.compile(BrandIds.PATTERN);

    /** Source names and aspects are slugs or short words; anything else is not a filter. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final TimelinePages pages;
    private final CallerBearer bearer;
    private final Clock clock;

    public TimelineResource(TimelinePages pages, CallerBearer bearer, Clock clock) {
        this.pages = pages;
        this.bearer = bearer;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response timeline(
            @QueryParam("brand") String brand,
            @QueryParam("facility") String facility,
            @QueryParam("source") String source,
            @QueryParam("aspect") String aspect,
            @QueryParam("range") String range,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        var query =
                new TimelinePages.Query(
                        blankToNull(brand),
                        blankToNull(facility),
                        blankToNull(source),
                        blankToNull(aspect),
                        range,
                        from,
                        to);
        if ((query.brand() != null && !SLUG.matcher(query.brand()).matches())
                || (query.facility() != null && !SLUG.matcher(query.facility()).matches())
                || (query.aspect() != null && !SLUG.matcher(query.aspect()).matches())
                || (query.source() != null && !WORD.matcher(query.source()).matches())) {
            return error(
                    400,
                    "Not a filter",
                    "Brand, facility and aspect are slugs of lower-case letters, digits and dashes;"
                            + " a source is a short name.");
        }
        var result = pages.page(bearer.get(), query, clock.instant());
        return html(result.status(), ConsoleTemplates.timeline(result.page()).render());
    }

    /** A signed-in person without any of the console's roles. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(
                403,
                "Not allowed",
                "Your roles do not allow this. The timeline needs viewer, analyst, responder or"
                        + " admin.");
    }

    /** Anything unexpected: an HTML page that leaks nothing, logged here. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            return error(
                    w.getResponse().getStatus(),
                    "Not handled",
                    "The request could not be handled.");
        }
        if (e instanceof io.quarkus.security.UnauthorizedException
                || e instanceof io.quarkus.security.AuthenticationFailedException) {
            return error(
                    401, "Sign in", "Your session has ended. Open the dashboard to sign in again.");
        }
        Log.error("Timeline request failed", e);
        return error(
                500,
                "Something went wrong",
                "The dashboard could not show this page. Try again in a moment.");
    }

    private static Response error(int status, String title, String message) {
        return html(status, DashboardResource.Templates.error(title, message).render());
    }

    private static Response html(int status, String body) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(body)
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
