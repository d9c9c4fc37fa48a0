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
import org.caresignal.sentiment.repository.ScoredMentionRepository.Sort;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.caresignal.sentiment.service.ScoredMentionService;
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

    /**
     * A CSV export is one request for a whole filter (the console's export), so it may ask for more
     * rows than a page of JSON.
     */
    static final int MAX_CSV_ROWS = 10_000;

    /** Deepest row a page number may reach; further on, only the cursor goes (no deep OFFSET). */
    static final int MAX_OFFSET = 10_000;

    private final ScoredMentionService mentions;
    private final AuditService audit;
    private final CurrentActor actor;

    public MentionResource(ScoredMentionService mentions, AuditService audit, CurrentActor actor) {
        this.mentions = mentions;
        this.audit = audit;
        this.actor = actor;
    }

    /** Most mentions one search may name by id. */
    static final int MAX_IDS = 50;

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER})
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(
            operationId = "searchMentions",
            summary = "Search scored mentions",
            description =
                    "A brand's mentions, newest first (sort=time) or most reposted first"
                            + " (sort=amplification: reposts, then newest, then id), filtered by"
                            + " time, label, aspect, source, facility, language, uncertainty and"
                            + " words of the text, one page at a time: sorted by time, pass the"
                            + " answer's nextCursor as cursor for the next page (page numbers"
                            + " reach only the first 10,000 rows); sorted by amplification, page"
                            + " numbers only (nextCursor is null: repost counts move while one"
                            + " pages). ids (up to 50, repeated or comma-separated) asks for"
                            + " exactly those mentions: brand is then optional and the time"
                            + " range is not applied. Labels, scores and aspects are the"
                            + " effective ones (an analyst's correction when corrected). total"
                            + " is counted on a request without cursor only, up to 10,000"
                            + " (totalCapped true: more than 10,000 match). CSV (the page) with"
                            + " Accept: text/csv or format=csv;"
                            + " then X-Next-Cursor, X-Total-Count and X-Total-Capped carry them. Recorded in the"
                            + " audit log (mention.search with the ids returned, or"
                            + " mention.export) before the page is sent.")
    @APIResponse(
            responseCode = "200",
            description = "One page of mentions, the cursor to the next, and the total that match",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = MentionPageResponse.class)),
                @Content(mediaType = Csv.MEDIA_TYPE)
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "A bad parameter: missing brand, bad range, label, page size, a page past"
                            + " row 10,000, a cursor that is not one, or q without a word",
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
            @Parameter(
                            description =
                                    "Words the post contains, each as a word or the start of"
                                            + " one (case-insensitive, any language); all must"
                                            + " match")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
                    String cursor,
            @Parameter(
                            description =
                                    "Page number from 0, while page times size stays within"
                                            + " 10,000; use cursor beyond")
                    @QueryParam("page")
                    String page,
            @Parameter(description = "Page size, 1 to 200, default 50; up to 10000 for format=csv")
                    @QueryParam("size")
                    String size,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @Parameter(description = "Only this facility") @QueryParam("facility") String facility,
            @Parameter(description = "Only this language (ISO 639-1 or und)")
                    @QueryParam("language")
                    String language,
            @Parameter(description = "true: only verdicts the model was unsure of")
                    @QueryParam("uncertain")
                    String uncertain,
            @Parameter(description = "time (default) or amplification") @QueryParam("sort")
                    String sort,
            @Parameter(
                            description =
                                    "Exactly these mentions (UUIDs, repeated or comma-separated,"
                                            + " up to 50)")
                    @QueryParam("ids")
                    List<String> ids,
            @Context HttpHeaders headers) {
        var end = QueryParameters.instant("to", to, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var start = QueryParameters.instant("from", from, end.minus(Duration.ofDays(30)));
        QueryParameters.range(start, end, Duration.ofDays(3660));
        var wanted = ids(ids);
        var filter =
                new Filter(
                        QueryParameters.slug("brand", brand, wanted == null),
                        start,
                        end,
                        QueryParameters.slug("facility", facility, false),
                        QueryParameters.text("source", source, 64),
                        QueryParameters.slug("aspect", aspect, false),
                        QueryParameters.label(label),
                        QueryParameters.words("q", q, 200),
                        language(language),
                        uncertain(uncertain),
                        wanted);
        var order = sort(sort);
        boolean csv = Csv.wanted(format, headers);
        int pageSize =
                QueryParameters.integer("size", size, 50, 1, csv ? MAX_CSV_ROWS : MAX_PAGE_SIZE);
        int pageNumber = QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        if ((long) pageNumber * pageSize > MAX_OFFSET) {
            throw new InvalidParameterException(
                    "page",
                    "reaches past row " + MAX_OFFSET + "; follow nextCursor (cursor) beyond it");
        }
        var after = QueryParameters.cursor("cursor", cursor);
        if (after != null && pageNumber > 0) {
            throw new InvalidParameterException("cursor", "goes with no page number");
        }
        if (after != null && order == Sort.AMPLIFICATION) {
            throw new InvalidParameterException(
                    "cursor", "sorted by amplification, pages go by page number");
        }
        var result = mentions.search(filter, order, after, pageNumber * pageSize, pageSize);
        var items =
                result.mentions().stream()
                        .map(m -> MentionResponse.from(m, result.corrections().get(m.mentionId)))
                        .toList();
        var next = result.next() == null ? null : result.next().token();
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
                        .add("facility", filter.facilityId())
                        .add("language", filter.language())
                        .add("uncertain", filter.uncertain())
                        .add("sort", order == Sort.TIME ? null : "amplification")
                        .add("ids", wanted == null ? null : wanted.size())
                        .add("cursor", after == null ? null : cursor)
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
                                            "reposts",
                                            "model_label",
                                            "model_score",
                                            "corrected",
                                            "corrected_by",
                                            "corrected_at",
                                            "revision",
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
                                        m.reposts(),
                                        m.modelLabel(),
                                        m.modelScore(),
                                        m.corrected(),
                                        m.correctedBy(),
                                        m.correctedAt(),
                                        m.revision(),
                                        // Free text last, as before the new columns.
                                        m.text())));
            }
            return Response.ok(out.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("X-Total-Count", result.total())
                    .header("X-Total-Capped", result.totalCapped())
                    .header("X-Next-Cursor", next)
                    .build();
        }
        return Response.ok(
                        new MentionPageResponse(
                                pageNumber,
                                pageSize,
                                result.total(),
                                result.totalCapped(),
                                next,
                                items),
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
        var found =
                mentions.find(id)
                        .map(
                                m ->
                                        MentionResponse.from(
                                                m, mentions.corrections(List.of(m)).get(id)));
        audit.record(
                actor.get(),
                "mention.read",
                id.toString(),
                found.isPresent() ? 1 : 0,
                found.isPresent() ? null : "not found");
        return found.orElseThrow(
                () -> new NotFoundException("No scored mention with id " + mentionId));
    }

    private static List<UUID> ids(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        var ids = new java.util.LinkedHashSet<UUID>();
        for (var value : values) {
            for (var part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                if (!part.trim().matches(UUID_PATTERN)) {
                    throw new InvalidParameterException("ids", "must be mention ids (UUIDs)");
                }
                ids.add(UUID.fromString(part.trim()));
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        if (ids.size() > MAX_IDS) {
            throw new InvalidParameterException("ids", "at most " + MAX_IDS + " ids");
        }
        return List.copyOf(ids);
    }

    private static String language(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var code = value.trim().toLowerCase(Locale.ROOT);
        if (!code.matches("^[a-z]{2,3}$")) {
            throw new InvalidParameterException("language", "must be an ISO 639-1 code or und");
        }
        return code;
    }

    private static Boolean uncertain(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> null;
            default -> throw new InvalidParameterException("uncertain", "must be true or false");
        };
    }

    private static Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return Sort.TIME;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "time" -> Sort.TIME;
            case "amplification" -> Sort.AMPLIFICATION;
            default -> throw new InvalidParameterException("sort", "must be time or amplification");
        };
    }
}
