package org.caresignal.alert.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.incident.IncidentStatus;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AlertOutboxRelay;
import org.caresignal.alert.service.IncidentService;
import org.caresignal.alert.service.IncidentStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Incidents: list with filters, detail with the audit trail, acknowledge / resolve / snooze (as the
 * token's user), and a server-sent-event stream of changes for API clients. Sample mentions show
 * their post link and excerpt to analysts and responders only; viewers and admins see their ids.
 */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents", description = "Alert incidents and their lifecycle")
public class IncidentResource {

    private final IncidentService incidents;
    private final IncidentStream stream;
    private final AlertOutboxRelay relay;
    private final CurrentActor actor;

    public IncidentResource(
            IncidentService incidents,
            IncidentStream stream,
            AlertOutboxRelay relay,
            CurrentActor actor) {
        this.incidents = incidents;
        this.stream = stream;
        this.relay = relay;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(
            summary = "List incidents",
            description = "Newest first, filtered by the set parameters.")
    @APIResponse(
            responseCode = "200",
            description = "Matching incidents",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IncidentResponse[].class)))
    @APIResponse(
            responseCode = "400",
            description = "brand is not a slug, or status / severity is not a known value",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public List<IncidentResponse> list(
            @Parameter(description = "Brand slug", example = "riverside-health")
                    @QueryParam("brand")
                    @Pattern(
                            regexp = BrandIds.PATTERN,
                            message = "must be a slug of lower-case letters, digits and dashes")
                    String brand,
            @Parameter(description = "OPEN, ACKNOWLEDGED or RESOLVED") @QueryParam("status")
                    String status,
            @Parameter(description = "LOW, MEDIUM, HIGH or CRITICAL") @QueryParam("severity")
                    String severity,
            @Parameter(description = "At most this many (1-500)")
                    @QueryParam("limit")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(500)
                    int limit) {
        var statusFilter = parse(IncidentStatus.class, "status", status);
        var severityFilter = parse(Severity.class, "severity", severity);
        return incidents.search(brand, statusFilter, severityFilter, limit).stream()
                .map(this::response)
                .toList();
    }

    @GET
    @Path("/stream")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Stream of incident changes",
            description =
                    "Server-sent events, one per committed change, shaped like the alerts.v1"
                            + " events (AlertRaised, AlertUpdated, AlertResolved).")
    public Multi<AlertEvent> changes() {
        // Decided once, on the request's identity: the stream outlives the request scope.
        var disclosure = actor.sampleDisclosure();
        return stream.changes().map(disclosure::apply);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "One incident with its audit trail")
    @APIResponse(
            responseCode = "200",
            description = "The incident",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IncidentDetailResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such incident",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public IncidentDetailResponse get(@PathParam("id") UUID id) {
        var incident = incidents.get(id);
        return new IncidentDetailResponse(
                response(incident),
                incidents.trail(id).stream().map(IncidentDetailResponse.AuditEntry::from).toList());
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed(Roles.RESPONDER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge an OPEN incident")
    @APIResponse(responseCode = "200", description = "The acknowledged incident")
    @APIResponse(
            responseCode = "409",
            description = "The incident is not OPEN",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such incident",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public IncidentResponse acknowledge(
            @PathParam("id") UUID id, @Valid @NotNull IncidentActionRequest body) {
        return published(incidents.acknowledge(id, actor.get(), body.note()));
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed(Roles.RESPONDER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve an OPEN or ACKNOWLEDGED incident by hand")
    @APIResponse(responseCode = "200", description = "The resolved incident")
    @APIResponse(
            responseCode = "409",
            description = "The incident is already RESOLVED",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such incident",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public IncidentResponse resolve(
            @PathParam("id") UUID id, @Valid @NotNull IncidentActionRequest body) {
        return published(incidents.resolve(id, actor.get(), body.note()));
    }

    @POST
    @Path("/{id}/snooze")
    @RolesAllowed(Roles.RESPONDER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Snooze an unresolved incident",
            description =
                    "Mutes its notifications for `minutes` (1 to 10080); the incident stays"
                            + " open and keeps folding repeats.")
    @APIResponse(responseCode = "200", description = "The snoozed incident")
    @APIResponse(
            responseCode = "400",
            description = "minutes missing or out of range",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "409",
            description = "The incident is RESOLVED",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such incident",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public IncidentResponse snooze(
            @PathParam("id") UUID id, @Valid @NotNull IncidentActionRequest body) {
        if (body.minutes() == null) {
            throw new InvalidWindowException("minutes", "is required to snooze");
        }
        return published(
                incidents.snooze(id, actor.get(), Duration.ofMinutes(body.minutes()), body.note()));
    }

    private IncidentResponse published(Incident incident) {
        // The change is committed; relay its event now rather than on the next tick.
        relay.flush();
        return response(incident);
    }

    private IncidentResponse response(Incident incident) {
        return IncidentResponse.from(
                incident,
                actor.sampleDisclosure().apply(incidents.explanationOf(incident)),
                incidents.dashboardLink(incident.id));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidWindowException(
                    parameter,
                    "must be one of "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(type.getEnumConstants())
                                            .map(Enum::name)
                                            .toList()));
        }
    }
}
