package org.caresignal.alert.dashboard;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.caresignal.alert.client.CallerBearer;
import org.caresignal.alert.dashboard.DashboardView.DetailPage;
import org.caresignal.alert.dashboard.DashboardView.Form;
import org.caresignal.alert.dashboard.DashboardView.ListPage;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IllegalTransitionException;
import org.caresignal.alert.domain.incident.IncidentStatus;
import org.caresignal.alert.domain.privacy.SampleDisclosure;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AlertOutboxRelay;
import org.caresignal.alert.service.IncidentService;
import org.caresignal.alert.service.IncidentStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The server-rendered dashboard that alerts link to, behind the OIDC authorization-code flow (the
 * {@code dashboard} tenant, a session cookie): the incident list with filters and the brands' last
 * 24 hours, each incident's explanation, audit trail and delivery log, a stream of changes for the
 * live refresh, and forms that acknowledge, resolve and snooze through {@link IncidentService} as
 * the signed-in responder (Post/Redirect/Get).
 */
@Path("/dashboard")
@DashboardPage
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    /** The type-safe Qute templates of {@code templates/DashboardResource/}. */
    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(ListPage page);

        public static native TemplateInstance detail(DetailPage page);

        public static native TemplateInstance error(String title, String message);
    }

    static final int MAX_NOTE = 500;

    private static final Pattern BRAND = Pattern.compile(BrandIds.PATTERN);
    private static final Map<String, String> NOTICES =
            Map.of(
                    "acknowledged", "Acknowledged: escalation stops for this incident.",
                    "resolved", "Resolved.",
                    "snoozed", "Snoozed: notifications are muted until the time shown.");
    private static final Map<String, String> ASSETS =
            Map.of(
                    "dashboard.css", "text/css; charset=UTF-8",
                    "live.js", "text/javascript; charset=UTF-8",
                    "timeline.js", "text/javascript; charset=UTF-8",
                    "window-chart.js", "text/javascript; charset=UTF-8");

    private final DashboardQueries queries;
    private final IncidentService incidents;
    private final AlertOutboxRelay relay;
    private final IncidentStream stream;
    private final CurrentActor actor;
    private final OverviewPages overview;
    private final CallerBearer bearer;
    private final IncidentPosts posts;

    public DashboardResource(
            DashboardQueries queries,
            IncidentService incidents,
            AlertOutboxRelay relay,
            IncidentStream stream,
            CurrentActor actor,
            OverviewPages overview,
            CallerBearer bearer,
            IncidentPosts posts) {
        this.queries = queries;
        this.incidents = incidents;
        this.relay = relay;
        this.stream = stream;
        this.actor = actor;
        this.overview = overview;
        this.bearer = bearer;
        this.posts = posts;
    }

    /**
     * The console's landing page: per brand, then per facility, the range's volume and sentiment
     * against their usual level, aspects, most amplified posts (text for analysts and responders),
     * open incidents and source health; read from ingest- and sentiment-service as the person.
     */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response overview(
            @QueryParam("brand") String brand,
            @QueryParam("range") String range,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        var brandFilter = blankToNull(brand);
        if (brandFilter != null && !BRAND.matcher(brandFilter).matches()) {
            return html(
                    400,
                    Templates.error(
                            "Not a brand",
                            "Brand must be a slug of lower-case letters, digits and dashes."));
        }
        var result =
                overview.page(
                        bearer.get(),
                        brandFilter,
                        range,
                        from,
                        to,
                        actor.sampleDisclosure() == SampleDisclosure.FULL);
        return html(result.status(), ConsoleTemplates.overview(result.page()));
    }

    /** Today's incident list (moved here from /dashboard when the overview became the landing). */
    @GET
    @Path("/incidents")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response list(
            @QueryParam("brand") String brand,
            @QueryParam("status") String status,
            @QueryParam("severity") String severity) {
        var now = Instant.now();
        var brandFilter = blankToNull(brand);
        String error = null;
        if (brandFilter != null && !BRAND.matcher(brandFilter).matches()) {
            error = "Brand must be a slug of lower-case letters, digits and dashes.";
        }
        IncidentStatus statusFilter = null;
        Severity severityFilter = null;
        try {
            statusFilter = parse(IncidentStatus.class, status);
            severityFilter = parse(Severity.class, severity);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        if (error != null) {
            return html(
                    Response.Status.BAD_REQUEST,
                    Templates.list(queries.list(null, null, null, error, now)));
        }
        var page = queries.list(brandFilter, statusFilter, severityFilter, null, now);
        // Names are looked up outside the list's transaction; the ids stay when ingest is down.
        return html(Response.Status.OK, Templates.list(page.named(posts.brands(bearer.get()))));
    }

    @GET
    @Path("/incidents/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response detail(@PathParam("id") String id, @QueryParam("done") String done) {
        var notice = done == null ? null : NOTICES.get(done);
        return page(id, new Form("", ""), notice, null, 200);
    }

    @POST
    @Path("/incidents/{id}/acknowledge")
    @RolesAllowed(Roles.RESPONDER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @SameOriginForm
    @Operation(hidden = true)
    public Response acknowledge(@PathParam("id") String id, @FormParam("note") String note) {
        return act(id, "acknowledged", new Form(trim(note), ""));
    }

    @POST
    @Path("/incidents/{id}/resolve")
    @RolesAllowed(Roles.RESPONDER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @SameOriginForm
    @Operation(hidden = true)
    public Response resolve(@PathParam("id") String id, @FormParam("note") String note) {
        return act(id, "resolved", new Form(trim(note), ""));
    }

    @POST
    @Path("/incidents/{id}/snooze")
    @RolesAllowed(Roles.RESPONDER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @SameOriginForm
    @Operation(hidden = true)
    public Response snooze(
            @PathParam("id") String id,
            @FormParam("note") String note,
            @FormParam("minutes") String minutes) {
        return act(id, "snoozed", new Form(trim(note), trim(minutes)));
    }

    /**
     * The live updates of the dashboard's pages: the incident changes as server-sent events, behind
     * the dashboard's session cookie (the browser cannot send the API's bearer token).
     */
    @GET
    @Path("/stream")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Multi<AlertEvent> changes() {
        // Decided on the request's identity: the stream outlives the request scope.
        var disclosure = actor.sampleDisclosure();
        return stream.changes().map(disclosure::apply);
    }

    /**
     * Open to anyone: it serves only the dashboard's own stylesheet and script, which hold no data,
     * and the pages before a session exists (an error page) need them.
     */
    @GET
    @Path("/assets/{name}")
    @PermitAll
    @Produces({"text/css", "text/javascript"})
    @Operation(hidden = true)
    public Response asset(@PathParam("name") String name) {
        var type = ASSETS.get(name);
        if (type == null) {
            return notFound("No such file.");
        }
        try (var in =
                DashboardResource.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                return notFound("No such file.");
            }
            return Response.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8), type)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Any other path under the dashboard (a mistyped or truncated link from a pager) gets the
     * dashboard's own page, not the API's problem+json; literal paths above are matched first.
     */
    @GET
    @Path("/{path: .+}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response unknown(@PathParam("path") String path) {
        return notFound("There is no dashboard page here. Start from the overview.");
    }

    /** A signed-in person whose roles do not allow this page or action: a 403 page. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return html(
                403,
                Templates.error(
                        "Not allowed",
                        "Your roles do not allow this. Acknowledging, snoozing and resolving"
                                + " incidents needs the responder role; viewing needs viewer,"
                                + " analyst, responder or admin."));
    }

    /** No session reached a page (the login redirect normally comes first): a page to sign in. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return html(
                401,
                Templates.error(
                        "Sign in", "Your session has ended. Open the dashboard to sign in again."));
    }

    /** Anything unexpected on a dashboard page: an HTML page that leaks nothing, logged here. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException w) {
            var status = w.getResponse().getStatus();
            return html(
                    status,
                    Templates.error(
                            status + " " + w.getResponse().getStatusInfo().getReasonPhrase(),
                            "The request could not be handled."));
        }
        Log.error("Dashboard request failed", e);
        return html(
                500,
                Templates.error(
                        "Something went wrong",
                        "The dashboard could not show this page. Try again in a moment."));
    }

    private Response act(String rawId, String done, Form form) {
        var id = uuid(rawId);
        if (id == null) {
            return notFound("There is no incident " + rawId + ".");
        }
        var invalid = invalid(done, form);
        if (invalid != null) {
            return page(rawId, form, null, invalid, 400);
        }
        var note = form.note().isEmpty() ? null : form.note();
        var who = actor.get();
        try {
            switch (done) {
                case "acknowledged" -> incidents.acknowledge(id, who, note);
                case "resolved" -> incidents.resolve(id, who, note);
                default ->
                        incidents.snooze(
                                id, who, Duration.ofMinutes(Long.parseLong(form.minutes())), note);
            }
        } catch (IncidentService.NotFoundException e) {
            return notFound("There is no incident " + id + ".");
        } catch (IllegalTransitionException e) {
            return page(rawId, form, null, "Not done: " + e.getMessage() + ".", 409);
        } catch (IllegalArgumentException e) {
            return page(rawId, form, null, "Not done: " + e.getMessage() + ".", 400);
        }
        // The change is committed; relay its event now rather than on the next tick (as the API).
        relay.flush();
        var location =
                UriBuilder.fromPath("/dashboard/incidents/{id}").queryParam("done", done).build(id);
        return Response.seeOther(location).build();
    }

    /** What is wrong with the form, in words for the person, or null. */
    private static String invalid(String action, Form form) {
        if (form.note().length() > MAX_NOTE) {
            return "The note can be at most " + MAX_NOTE + " characters.";
        }
        if (action.equals("snoozed") && !form.minutes().matches("[0-9]{1,6}")) {
            return "Choose how long to snooze.";
        }
        return null;
    }

    /**
     * The incident page: the brand's names and zone from ingest-service, alert-service's own record
     * in that zone, then the posts from sentiment-service (for those who may read them); the calls
     * to the other services run outside the database transaction.
     */
    private Response page(String rawId, Form form, String notice, String error, int status) {
        var id = uuid(rawId);
        var series = id == null ? Optional.<IncidentPageView.Series>empty() : queries.series(id);
        if (series.isEmpty()) {
            return notFound("There is no incident " + rawId + ".");
        }
        var caller = bearer.get();
        var brand = posts.brand(caller, series.get().brandId());
        var zone = IncidentPosts.zone(brand, series.get().facilityId(), series.get().routeZone());
        var disclosure = actor.sampleDisclosure();
        return queries.detail(id, zone, form, notice, error, Instant.now(), disclosure)
                .map(
                        p ->
                                p.with(
                                        IncidentPosts.names(
                                                brand,
                                                series.get().brandId(),
                                                series.get().facilityId()),
                                        posts.posts(
                                                caller,
                                                p.lookup(),
                                                p.posts(),
                                                zone,
                                                disclosure.excerpts())))
                .map(p -> html(status, Templates.detail(p)))
                .orElseGet(() -> notFound("There is no incident " + id + "."));
    }

    private static Response notFound(String message) {
        return html(404, Templates.error("Not found", message));
    }

    private static Response html(Response.Status status, TemplateInstance page) {
        return html(status.getStatusCode(), page);
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }

    private static UUID uuid(String raw) {
        if (raw == null || raw.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    type.getSimpleName().replace("Incident", "").toLowerCase(Locale.ROOT)
                            + " must be one of "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(type.getEnumConstants())
                                            .map(Enum::name)
                                            .toList())
                            + ".");
        }
    }
}
