package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.RescoringService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Re-scoring with the running model: a batch limit in, how many were re-scored out; audited as
 * rescore.run under the caller.
 */
@Path("/api/rescore")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Re-scoring", description = "Apply a new sentiment model to stored mentions")
public class RescoreResource {

    private final RescoringService rescoring;
    private final CurrentActor actor;

    public RescoreResource(RescoringService rescoring, CurrentActor actor) {
        this.rescoring = rescoring;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "rescoreMentions",
            summary = "Re-score mentions scored by an older model",
            description =
                    "Scores up to `limit` stored mentions whose model version differs from the"
                            + " running one, or that were scored under other phrase rules than"
                            + " their brand's current ones, updates them in place and publishes"
                            + " MentionScored again (a new eventId per model version and"
                            + " revision). Call again until remaining is 0."
                            + " Recorded in the audit log (rescore.run) with the counts.")
    @APIResponse(
            responseCode = "200",
            description = "How many were re-scored and how many are left",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RescoringService.Result.class)))
    @APIResponse(
            responseCode = "400",
            description = "The limit is not between 1 and 10000",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public RescoringService.Result rescore(
            @Parameter(description = "At most this many mentions, 1 to 10000, default 1000")
                    @QueryParam("limit")
                    String limit) {
        return rescoring.rescore(
                QueryParameters.integer("limit", limit, 1000, 1, 10_000), actor.get());
    }
}
