package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.CorrectionService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Analysts' corrections of a mention's sentiment: a label (and aspect labels) in, the mention with
 * its new effective verdict out; each call is audited as mention.correct under the caller.
 */
@Path("/api/mentions/{mentionId}/correction")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mentions", description = "Scored mentions")
public class CorrectionResource {

    static final int MAX_NOTE = 500;

    private final CorrectionService corrections;
    private final SentimentScorer scorer;
    private final CurrentActor actor;

    public CorrectionResource(
            CorrectionService corrections, SentimentScorer scorer, CurrentActor actor) {
        this.corrections = corrections;
        this.scorer = scorer;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANALYST)
    @Operation(
            operationId = "correctMention",
            summary = "Correct a mention's sentiment",
            description =
                    "Stores the analyst's label (and aspect labels, laid over those of an earlier"
                            + " correction) under the caller; the mention's effective label changes"
                            + " everywhere (history, search, aggregates), its revision goes up and a"
                            + " MentionScored with corrected=true is published. The same correction"
                            + " again changes nothing and publishes nothing. Audited as"
                            + " mention.correct.")
    @APIResponse(
            responseCode = "200",
            description = "The mention with its effective verdict",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MentionResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a UUID, a bad label or aspect, or a note over 500 characters",
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
    @APIResponse(
            responseCode = "409",
            description = "The mention was erased on request",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public MentionResponse correct(
            @Parameter(description = "The mention id (a UUID)")
                    @PathParam("mentionId")
                    @Pattern(regexp = MentionResource.UUID_PATTERN, message = "must be a UUID")
                    String mentionId,
            CorrectionRequest request) {
        var correction = validate(request);
        var id = UUID.fromString(mentionId);
        return respond(mentionId, corrections.correct(id, correction, actor.get()));
    }

    @DELETE
    @RolesAllowed(Roles.ANALYST)
    @Operation(
            operationId = "clearMentionCorrection",
            summary = "Take a correction away",
            description =
                    "The model's verdict is effective again: revision + 1 and a MentionScored"
                            + " with corrected=false. Without a correction, changes nothing."
                            + " Audited as mention.correct.")
    @APIResponse(
            responseCode = "200",
            description = "The mention with its effective verdict",
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
    @APIResponse(
            responseCode = "409",
            description = "The mention was erased on request",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public MentionResponse clear(
            @Parameter(description = "The mention id (a UUID)")
                    @PathParam("mentionId")
                    @Pattern(regexp = MentionResource.UUID_PATTERN, message = "must be a UUID")
                    String mentionId) {
        return respond(mentionId, corrections.clear(UUID.fromString(mentionId), actor.get()));
    }

    private static MentionResponse respond(String mentionId, CorrectionService.Result result) {
        if (result.refusal() == CorrectionService.Refusal.NOT_FOUND) {
            throw new NotFoundException("No scored mention with id " + mentionId);
        }
        if (result.refusal() == CorrectionService.Refusal.ERASED) {
            throw new ClientErrorException("The mention was erased on request.", 409);
        }
        return MentionResponse.from(result.mention(), result.correction());
    }

    private CorrectionService.Correction validate(CorrectionRequest request) {
        if (request == null) {
            throw new InvalidParameterException("label", "is required");
        }
        var label = label("label", request.label());
        var known = new HashSet<>(scorer.aspects());
        var aspects = new TreeMap<String, SentimentLabel>();
        if (request.aspects() != null) {
            for (var aspect : request.aspects()) {
                if (aspect == null || aspect.aspect() == null || !known.contains(aspect.aspect())) {
                    throw new InvalidParameterException(
                            "aspects", "must name aspects of the taxonomy");
                }
                if (aspects.put(aspect.aspect(), label("aspects", aspect.label())) != null) {
                    throw new InvalidParameterException("aspects", "names an aspect twice");
                }
            }
        }
        var note = request.note() == null || request.note().isBlank() ? null : request.note();
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidParameterException(
                    "note", "must be at most " + MAX_NOTE + " characters");
        }
        return new CorrectionService.Correction(label, aspects, note);
    }

    private static SentimentLabel label(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(field, "a label is required");
        }
        try {
            return SentimentLabel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, "labels are NEGATIVE, NEUTRAL or POSITIVE");
        }
    }
}
