package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.Locale;
import org.caresignal.sentiment.domain.MentionCorrection;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.caresignal.sentiment.service.CorrectionService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A brand's corrections: as a labelled file the evaluate and train tools read (audited as
 * corrections.export), and the model's agreement with them (counts only, any role).
 */
@Path("/api/brands/{brandId}/corrections")
@Tag(name = "Corrections", description = "Analysts' corrections of the model")
public class CorrectionsExportResource {

    /** The labelled file's type: {@code label<TAB>text} lines. */
    static final String TSV = "text/tab-separated-values";

    private final CorrectionService corrections;
    private final SentimentScorer scorer;
    private final AuditService audit;
    private final CurrentActor actor;

    public CorrectionsExportResource(
            CorrectionService corrections,
            SentimentScorer scorer,
            AuditService audit,
            CurrentActor actor) {
        this.corrections = corrections;
        this.scorer = scorer;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    @Produces({TSV, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "exportCorrections",
            summary = "Export a brand's corrections as a labelled file",
            description =
                    "Every corrected mention of the brand that still holds its text (erased and"
                            + " purged ones are left out), oldest correction first. tsv (default):"
                            + " one label<TAB>text line each (label in lower case; tabs and line"
                            + " breaks of the text become spaces), the file `sentiment-service/"
                            + "evaluate --corrections` and `train --corrections` read. json: the"
                            + " same rows with the model's label and who corrected them. Audited"
                            + " as corrections.export.")
    @APIResponse(
            responseCode = "200",
            description = "The labelled rows",
            content = {
                @Content(mediaType = TSV),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = CorrectionsExportResponse.class))
            })
    @APIResponse(
            responseCode = "400",
            description = "A bad brand or format",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response export(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            @Parameter(description = "tsv (default) or json") @QueryParam("format") String format) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        boolean json =
                switch (format == null ? "tsv" : format.trim().toLowerCase(Locale.ROOT)) {
                    case "tsv", "" -> false;
                    case "json" -> true;
                    default -> throw new InvalidParameterException("format", "must be tsv or json");
                };
        var rows = corrections.labelled(brand);
        audit.record(
                actor.get(),
                "corrections.export",
                AuditTargets.query().add("brand", brand).toString(),
                rows.size(),
                "format=" + (json ? "json" : "tsv"));
        if (json) {
            var items =
                    rows.stream()
                            .map(
                                    r ->
                                            new CorrectionsExportResponse.CorrectionRow(
                                                    r.mentionId(),
                                                    r.label(),
                                                    MentionCorrection.decode(r.aspects())
                                                            .entrySet()
                                                            .stream()
                                                            .map(
                                                                    e ->
                                                                            new CorrectionRequest
                                                                                    .AspectLabel(
                                                                                    e.getKey(),
                                                                                    e.getValue()
                                                                                            .name()))
                                                            .toList(),
                                                    r.modelLabel(),
                                                    r.modelScore(),
                                                    r.text(),
                                                    r.correctedBy(),
                                                    r.correctedAt()))
                            .toList();
            return Response.ok(
                            new CorrectionsExportResponse(brand, items), MediaType.APPLICATION_JSON)
                    .build();
        }
        var out = new StringBuilder();
        for (var row : rows) {
            out.append(row.label().name().toLowerCase(Locale.ROOT))
                    .append('\t')
                    .append(oneLine(row.text()))
                    .append('\n');
        }
        return Response.ok(out.toString(), TSV + "; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + brand + "-corrections.tsv\"")
                .build();
    }

    @GET
    @Path("/agreement")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(
            operationId = "getCorrectionAgreement",
            summary = "The model's agreement with a brand's corrections",
            description =
                    "Of the brand's corrected mentions, how many the model's current label"
                            + " (after the last re-score) agrees with, overall and per corrected"
                            + " label. Counts only.")
    @APIResponse(
            responseCode = "200",
            description = "The counts and the share",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad brand",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public AgreementResponse agreement(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        var byLabel =
                new EnumMap<SentimentLabel, AgreementResponse.LabelAgreement>(SentimentLabel.class);
        long total = 0;
        long agreeing = 0;
        for (var entry : corrections.agreement(brand).entrySet()) {
            var counts = entry.getValue();
            byLabel.put(
                    entry.getKey(),
                    new AgreementResponse.LabelAgreement(counts.corrections(), counts.agreeing()));
            total += counts.corrections();
            agreeing += counts.agreeing();
        }
        return new AgreementResponse(
                brand,
                total,
                agreeing,
                total == 0 ? null : (double) agreeing / total,
                scorer.modelVersion(),
                byLabel);
    }

    /** A text on one line of the TSV: its tabs and line breaks as spaces. */
    static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }
}
