package org.caresignal.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.ConnectorLeases;
import org.caresignal.ingest.service.InvalidInputException;
import org.caresignal.ingest.service.SourceConnectorService;
import org.caresignal.ingest.service.SourceHealthStore;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.service.StreamSupervisor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CRUD of source connectors (per source and brand) and their health: every role sees them, an admin
 * changes them or polls one now (audited under the admin's name).
 */
@Path("/api/sources")
@Tag(name = "Sources", description = "Connectors that poll public sources for each brand")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    private final SourceConnectorService sources;
    private final SourcePoller poller;
    private final StreamSupervisor streams;
    private final ConnectorLeases leases;
    private final SourceHealthStore health;
    private final Caller caller;

    public SourceResource(
            SourceConnectorService sources,
            SourcePoller poller,
            StreamSupervisor streams,
            ConnectorLeases leases,
            SourceHealthStore health,
            Caller caller) {
        this.caller = caller;
        this.leases = leases;
        this.sources = sources;
        this.poller = poller;
        this.streams = streams;
        this.health = health;
    }

    private SourceResponse response(SourceConnector c) {
        return responses(List.of(c)).get(0);
    }

    /** The connectors with the stored health and lease owner: the same from every instance. */
    private List<SourceResponse> responses(List<SourceConnector> connectors) {
        var owners = leases.owners();
        var views = health.views(connectors, owners);
        return connectors.stream()
                .map(c -> SourceResponse.from(c, views.get(c.id), owners.get(c.id)))
                .toList();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(
            summary = "List sources with their health",
            description =
                    "Health: status, last poll, last success, last error, failures in a row, next"
                            + " poll, the source's rate-limit state, mentions accepted in the last"
                            + " hour, last new post and whether SourceSilent was raised. Credentials"
                            + " are never returned. `owner` is the ingest-service instance that"
                            + " polls or streams the source (null while no instance holds it). The"
                            + " health is the one its owner stored, the same from every instance:"
                            + " `health.asOf` says when it was written and `health.stale` is true"
                            + " when the instance that wrote it no longer holds the source and it"
                            + " is older than caresignal.health.stale-after.")
    public List<SourceResponse> list() {
        return responses(sources.list());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Get one source with its health")
    @APIResponse(responseCode = "200", description = "The source and its health")
    @APIResponse(
            responseCode = "404",
            description = "No such source",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public SourceResponse get(@PathParam("id") String id) {
        var c = sources.get(id);
        return response(c);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a source connector")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "400",
            description = "Invalid source",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "409",
            description = "The id is taken",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response create(
            @NotNull(message = "a JSON body is required") @Valid SourceRequest request,
            @Context UriInfo uri) {
        if (request.id() == null) {
            throw new InvalidInputException("id", "is required", null);
        }
        var c = sources.create(request.toDraft(null), caller.actor());
        streams.reconcile(c.id);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id).build())
                .entity(response(c))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a source connector",
            description =
                    "Omit `credential` to keep the stored one, send \"\" to remove it. Changing the"
                            + " kind, URL or query resets the cursor. The instance that owns the"
                            + " source polls the new configuration at its next tick (not before"
                            + " the source's rate-limit reset). Disabling a connector whose"
                            + " silence was reported publishes SourceRecovered (resolution"
                            + " DISABLED).")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(
            responseCode = "400",
            description = "Invalid source",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "No such source",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public SourceResponse replace(
            @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid SourceRequest request) {
        // The owner, whichever instance it is, sees the newer updated_at on its next tick (a stream
        // on its next reconcile) and works the new configuration; here only a stream this
        // instance may run is brought in line at once.
        var c = sources.replace(request.toDraft(id), caller.actor());
        streams.reconcile(id);
        return response(c);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Delete a source connector",
            description =
                    "If its silence was reported, SourceRecovered (resolution DELETED) is"
                            + " published in the same transaction.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such source",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response delete(@PathParam("id") String id) {
        // The lease and stored health go with the row; the owner stops on its next tick or commit.
        sources.delete(id, caller.actor());
        streams.reconcile(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/poll")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Poll a source now",
            description =
                    "Polls at once, whatever the schedule or backoff, and returns its health.")
    @APIResponse(responseCode = "200", description = "Polled; the source and its health")
    @APIResponse(
            responseCode = "404",
            description = "No such source",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "Another instance polls this source",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public SourceResponse pollNow(@PathParam("id") String id) {
        sources.recordPollRequest(id, caller.actor());
        if (!poller.pollNow(id)) {
            // A stream is not polled: make sure it runs (restarts it if it stopped).
            streams.reconcile(id);
        }
        var c = sources.get(id);
        return response(c);
    }
}
