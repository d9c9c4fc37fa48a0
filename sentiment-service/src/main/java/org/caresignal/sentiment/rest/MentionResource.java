package org.caresignal.sentiment.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.caresignal.sentiment.service.ScoredMentionService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read access to scored mentions: a mention id in, its stored sentiment out. */
@Path("/api/mentions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mentions", description = "Scored mentions")
public class MentionResource {

    static final String UUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private final ScoredMentionService mentions;

    public MentionResource(ScoredMentionService mentions) {
        this.mentions = mentions;
    }

    @GET
    @Path("/{mentionId}")
    @Operation(
            summary = "Get a scored mention",
            description = "The mention with the sentiment label and score it was given.")
    @APIResponse(
            responseCode = "200",
            description = "The scored mention",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MentionResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "The id is not a UUID",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No mention with this id has been scored",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public MentionResponse get(
            @Parameter(description = "The mention id (a UUID)")
                    @PathParam("mentionId")
                    @Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
                    String mentionId) {
        return mentions.find(UUID.fromString(mentionId))
                .map(MentionResponse::from)
                .orElseThrow(() -> new NotFoundException("No scored mention with id " + mentionId));
    }
}
