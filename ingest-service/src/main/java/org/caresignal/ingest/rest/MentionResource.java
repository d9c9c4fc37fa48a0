package org.caresignal.ingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.caresignal.ingest.service.MentionIntakeService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook push of public posts: validates one mention and hands it to the pipeline. */
@Path("/api/mentions")
@Tag(name = "Mentions", description = "Push public posts about a brand into CareSignal")
public class MentionResource {

    private final MentionIntakeService intake;

    public MentionResource(MentionIntakeService intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit a mention",
            description =
                    "Redacts personal identifiers from the text, then publishes the post as MentionIngested (through the outbox, so it survives a Kafka outage). The mention id is derived from source and"
                            + " externalId, so submitting the same post again yields the same id and is"
                            + " counted once downstream.")
    @APIResponse(responseCode = "202", description = "Accepted for scoring")
    @APIResponse(
            responseCode = "400",
            description = "Invalid mention",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response submit(
            @NotNull(message = "a JSON body is required") @Valid SubmitMentionRequest request) {
        var mentionId = intake.accept(request.toNewMention()).mentionId();
        return Response.accepted(new MentionAcceptedResponse(mentionId)).build();
    }
}
