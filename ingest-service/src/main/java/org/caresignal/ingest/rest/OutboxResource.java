package org.caresignal.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.OutboxQuarantine;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The outbox events the Kafka relay quarantined after they kept failing: an admin lists them and
 * requeues one once the cause is fixed (audited as {@code outbox.requeue}).
 */
@Path("/api/outbox/quarantined")
@Tag(name = "Outbox", description = "Events the Kafka relay could not send")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    private final OutboxQuarantine quarantine;
    private final Caller caller;

    public OutboxResource(OutboxQuarantine quarantine, Caller caller) {
        this.quarantine = quarantine;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "List quarantined outbox events",
            description =
                    "Events the relay gave up on after they failed repeatedly while Kafka took the"
                            + " others; oldest first, without their payload.")
    public List<QuarantinedEventResponse> list() {
        return quarantine.list().stream().map(QuarantinedEventResponse::from).toList();
    }

    @POST
    @Path("/{id}/requeue")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Requeue a quarantined outbox event",
            description =
                    "Puts the event back in the queue with its attempts reset; consumers are"
                            + " idempotent, so a copy they already have is ignored.")
    @APIResponse(responseCode = "200", description = "Requeued")
    @APIResponse(
            responseCode = "404",
            description = "No quarantined event with this id",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public QuarantinedEventResponse requeue(@PathParam("id") long id) {
        return QuarantinedEventResponse.from(quarantine.requeue(id, caller.actor()));
    }
}
