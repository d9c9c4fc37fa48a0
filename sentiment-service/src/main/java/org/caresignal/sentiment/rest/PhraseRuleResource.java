package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.caresignal.sentiment.service.PhraseRuleService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A brand's phrase rules: admins add and delete them (audited as phrase-rule.create and
 * phrase-rule.delete), admins and analysts read them, as JSON or as the file {@code evaluate
 * --rules} reads (audited as phrase-rules.read).
 */
@Path("/api/brands/{brandId}/phrase-rules")
@Tag(name = "Phrase rules", description = "Phrases whose sentiment is fixed for one brand")
public class PhraseRuleResource {

    static final int MAX_PHRASE = 200;
    static final int MAX_NOTE = 500;

    private final PhraseRuleService rules;
    private final AuditService audit;
    private final CurrentActor actor;

    public PhraseRuleResource(PhraseRuleService rules, AuditService audit, CurrentActor actor) {
        this.rules = rules;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Produces({MediaType.APPLICATION_JSON, CorrectionsExportResource.TSV})
    @Operation(
            operationId = "listPhraseRules",
            summary = "A brand's phrase rules",
            description =
                    "Oldest first. json (default): the rules with who created them. tsv: one"
                            + " polarity<TAB>phrase line each (polarity in lower case), the file"
                            + " `sentiment-service/evaluate --rules` reads. Audited as"
                            + " phrase-rules.read.")
    @APIResponse(
            responseCode = "200",
            description = "The brand's rules",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = PhraseRulesResponse.class)),
                @Content(mediaType = CorrectionsExportResource.TSV)
            })
    @APIResponse(
            responseCode = "400",
            description = "A bad brand or format",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response list(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            @Parameter(description = "json (default) or tsv") @QueryParam("format") String format) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        boolean tsv =
                switch (format == null ? "json" : format.trim().toLowerCase(Locale.ROOT)) {
                    case "json", "" -> false;
                    case "tsv" -> true;
                    default -> throw new InvalidParameterException("format", "must be json or tsv");
                };
        var rows = rules.list(brand);
        audit.record(
                actor.get(),
                "phrase-rules.read",
                AuditTargets.query().add("brand", brand).toString(),
                rows.size(),
                "format=" + (tsv ? "tsv" : "json"));
        if (!tsv) {
            return Response.ok(
                            new PhraseRulesResponse(
                                    brand, rows.stream().map(PhraseRuleResponse::from).toList()),
                            MediaType.APPLICATION_JSON)
                    .build();
        }
        var out = new StringBuilder();
        for (var rule : rows) {
            out.append(rule.polarity.name().toLowerCase(Locale.ROOT))
                    .append('\t')
                    .append(rule.phrase)
                    .append('\n');
        }
        return Response.ok(out.toString(), CorrectionsExportResource.TSV + "; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + brand + "-phrase-rules.tsv\"")
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "createPhraseRule",
            summary = "Fix the sentiment of a phrase for a brand",
            description =
                    "Before the model reads a post of the brand, each occurrence of the phrase"
                            + " (whole words, any case, any spacing between them) is blanked"
                            + " (NEUTRAL: it carries no sentiment, e.g. a trauma centre's \"war"
                            + " zone\" or a doctor named \"Dr. Payne\") or read as strongly"
                            + " positive or negative. Applies to mentions scored from then on (on"
                            + " every instance within SENTIMENT_PHRASE_RULES_TTL); stored mentions"
                            + " change only with POST /api/rescore. Audited as"
                            + " phrase-rule.create.")
    @APIResponse(
            responseCode = "201",
            description = "The rule",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PhraseRuleResponse.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "A bad brand, a blank phrase, one over 200 characters or without a letter or"
                            + " digit, a bad polarity, or a note over 500 characters",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "409",
            description =
                    "The brand has a rule with this phrase (case and spacing aside), or has 500"
                            + " rules already",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response create(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            PhraseRuleRequest request) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        var created = rules.create(brand, validate(request), actor.get());
        if (created.refusal() == PhraseRuleService.Refusal.DUPLICATE) {
            throw new ClientErrorException(
                    "The brand already has a rule with this phrase; delete it first to change it.",
                    409);
        }
        if (created.refusal() == PhraseRuleService.Refusal.LIMIT) {
            throw new ClientErrorException(
                    "The brand has "
                            + PhraseRuleService.MAX_RULES_PER_BRAND
                            + " rules, the most it may have.",
                    409);
        }
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(PhraseRuleResponse.from(created.rule()))
                .build();
    }

    @DELETE
    @Path("/{ruleId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "deletePhraseRule",
            summary = "Delete a brand's phrase rule",
            description =
                    "Mentions scored from then on are read without it; stored ones change only"
                            + " with POST /api/rescore. Audited as phrase-rule.delete.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "400",
            description = "A bad brand, or a rule id that is not a UUID",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "The brand has no rule with this id",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response delete(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            @Parameter(description = "The rule id (a UUID)")
                    @PathParam("ruleId")
                    @Pattern(regexp = MentionResource.UUID_PATTERN, message = "must be a UUID")
                    String ruleId) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        if (!rules.delete(brand, UUID.fromString(ruleId), actor.get())) {
            throw new NotFoundException("The brand has no phrase rule with id " + ruleId);
        }
        return Response.noContent().build();
    }

    private static PhraseRuleService.NewRule validate(PhraseRuleRequest request) {
        if (request == null || request.phrase() == null || request.phrase().isBlank()) {
            throw new InvalidParameterException("phrase", "is required");
        }
        // Runs of whitespace as one space: the stored phrase reads as it matches.
        var phrase = request.phrase().strip().replaceAll("\\s+", " ");
        if (phrase.length() > MAX_PHRASE) {
            throw new InvalidParameterException(
                    "phrase", "must be at most " + MAX_PHRASE + " characters");
        }
        if (!PhraseRules.hasWord(phrase)) {
            throw new InvalidParameterException("phrase", "must hold a letter or a digit");
        }
        if (request.polarity() == null || request.polarity().isBlank()) {
            throw new InvalidParameterException("polarity", "is required");
        }
        SentimentLabel polarity;
        try {
            polarity = SentimentLabel.valueOf(request.polarity().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "polarity", "must be NEUTRAL, POSITIVE or NEGATIVE");
        }
        var note =
                request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidParameterException(
                    "note", "must be at most " + MAX_NOTE + " characters");
        }
        return new PhraseRuleService.NewRule(phrase, polarity, note);
    }
}
