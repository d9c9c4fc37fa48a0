package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.caresignal.sentiment.service.ScoredMentionService;
import org.caresignal.sentiment.service.SentimentHistoryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read access to scored mentions: a mention id or search filters in, stored sentiment and post text
 * out; every read is audited (mention.read, mention.search, mention.export) before its body leaves.
 */
@Path("/api/mentions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mentions", description = "Scored mentions")
public class MentionResource {

    static final String UUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    static final int MAX_PAGE_SIZE = 200;

    private final ScoredMentionService mentions;
    private final SentimentHistoryService history;
    private final AuditService audit;
    private final CurrentActor actor;

    public MentionResource(
            ScoredMentionService mentions,
            SentimentHistoryService history,
            AuditService audit,
            CurrentActor actor) {
        this.mentions = mentions;
        this.history = history;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(
            operationId = "searchMentions",
            summary = "Search scored mentions",
            description =
                    "A brand's mentions, newest first, filtered by time, label, aspect, source and"
                            + " text, one page at a time. CSV (the page) with Accept: text/csv or"
                            + " format=csv. Recorded in the audit log (mention.search with the ids"
                            + " returned, or mention.export) before the page is sent.")
    @APIResponse(
            responseCode = "200",
            description = "One page of mentions and the total that match",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = MentionPageResponse.class)),
                @Content(mediaType = Csv.MEDIA_TYPE)
            })
    @APIResponse(
            responseCode = "400",
            description = "A bad parameter: missing brand, bad range, label or page size",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response search(
            @Parameter(description = "The brand (a slug), required") @QueryParam("brand")
                    String brand,
            @Parameter(description = "Start, ISO-8601 with offset; default to minus 30 days")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "End (exclusive), ISO-8601 with offset; default now")
                    @QueryParam("to")
                    String to,
            @Parameter(description = "negative, neutral or positive") @QueryParam("label")
                    String label,
            @Parameter(description = "Only mentions of this aspect") @QueryParam("aspect")
                    String aspect,
            @Parameter(description = "Only this source") @QueryParam("source") String source,
            @Parameter(description = "Text the post contains (case-insensitive)") @QueryParam("q")
                    String q,
            @Parameter(description = "Page number from 0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 200, default 50") @QueryParam("size")
                    String size,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        var end = QueryParameters.instant("to", to, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var start = QueryParameters.instant("from", from, end.minus(Duration.ofDays(30)));
        QueryParameters.range(start, end, Duration.ofDays(3660));
        var filter =
                new Filter(
                        QueryParameters.slug("brand", brand, true),
                        start,
                        end,
                        null,
                        QueryParameters.text("source", source, 64),
                        QueryParameters.slug("aspect", aspect, false),
                        QueryParameters.label(label),
                        QueryParameters.text("q", q, 200));
        int pageNumber = QueryParameters.integer("page", page, 0, 0, 100_000);
        int pageSize = QueryParameters.integer("size", size, 50, 1, MAX_PAGE_SIZE);
        boolean csv = Csv.wanted(format, headers);
        var result = history.search(filter, pageNumber, pageSize);
        var items = result.mentions().stream().map(MentionResponse::from).toList();
        audit.record(
                actor.get(),
                csv ? "mention.export" : "mention.search",
                AuditTargets.query()
                        .add("brand", filter.brandId())
                        .add("from", filter.from())
                        .add("to", filter.to())
                        .add(
                                "label",
                                filter.label() == null
                                        ? null
                                        : filter.label().name().toLowerCase(Locale.ROOT))
                        .add("aspect", filter.aspect())
                        .add("source", filter.source())
                        .add("q", filter.text())
                        .add("page", pageNumber)
                        .add("size", pageSize)
                        .toString(),
                items.size(),
                AuditTargets.ids(items.stream().map(MentionResponse::mentionId).toList()));
        if (csv) {
            var out =
                    new StringBuilder(
                            Csv.row(
                                    List.of(
                                            "mention_id",
                                            "published_at",
                                            "brand_id",
                                            "facility_id",
                                            "source",
                                            "url",
                                            "label",
                                            "score",
                                            "uncertain",
                                            "aspects",
                                            "model_version",
                                            "text")));
            for (var m : items) {
                out.append(
                        Csv.row(
                                Arrays.asList(
                                        m.mentionId(),
                                        m.publishedAt(),
                                        m.brandId(),
                                        m.facilityId(),
                                        m.source(),
                                        m.url(),
                                        m.label(),
                                        m.score(),
                                        m.uncertain(),
                                        m.aspects().stream()
                                                .map(a -> a.aspect() + ":" + a.label())
                                                .collect(Collectors.joining(" ")),
                                        m.modelVersion(),
                                        m.text())));
            }
            return Response.ok(out.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("X-Total-Count", result.total())
                    .build();
        }
        return Response.ok(
                        new MentionPageResponse(pageNumber, pageSize, result.total(), items),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/{mentionId}")
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER})
    @Operation(
            operationId = "getMention",
            summary = "Get a scored mention",
            description =
                    "The mention with the sentiment label and score it was given. Recorded in the"
                            + " audit log (mention.read, also when there is no such mention) before"
                            + " it is sent.")
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
        var id = UUID.fromString(mentionId);
        var found = mentions.find(id).map(MentionResponse::from);
        audit.record(
                actor.get(),
                "mention.read",
                id.toString(),
                found.isPresent() ? 1 : 0,
                found.isPresent() ? null : "not found");
        return found.orElseThrow(
                () -> new NotFoundException("No scored mention with id " + mentionId));
    }
}
