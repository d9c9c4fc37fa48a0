package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import java.util.List;
import org.caresignal.sentiment.domain.TimeBuckets;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.caresignal.sentiment.service.SentimentHistoryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A brand's sentiment over time: filters and a bucket size in, counts per bucket out (no post
 * text); each read is audited as history.read.
 */
@Path("/api/brands/{brandId}/sentiment")
@Tag(name = "Sentiment history", description = "Volume and sentiment per time bucket")
public class SentimentHistoryResource {

    /** More buckets than this is a mistake (a year of minutes), not a chart. */
    static final int MAX_BUCKETS = 5000;

    private final SentimentHistoryService history;
    private final AuditService audit;
    private final CurrentActor actor;

    public SentimentHistoryResource(
            SentimentHistoryService history, AuditService audit, CurrentActor actor) {
        this.history = history;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(
            operationId = "getSentimentHistory",
            summary = "Sentiment of a brand per time bucket",
            description =
                    "Volume, counts by label and mean score per minute, hour or day of the caller's"
                            + " time zone (a day lasts 23 or 25 hours when the clocks change). With an"
                            + " aspect, counts the mentions of that aspect by the aspect's own"
                            + " sentiment. Counts use the effective label (an analyst's correction"
                            + " when there is one). No post text. CSV with Accept: text/csv or"
                            + " format=csv.")
    @APIResponse(
            responseCode = "200",
            description = "One entry per bucket, empty buckets included",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = HistoryResponse.class)),
                @Content(mediaType = Csv.MEDIA_TYPE)
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "A bad parameter: unknown bucket or time zone, from not before to, more than"
                            + " 5000 buckets",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response get(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            @Parameter(description = "Start, ISO-8601 with offset; default to minus 7 days")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "End (exclusive), ISO-8601 with offset; default now")
                    @QueryParam("to")
                    String to,
            @Parameter(description = "minute, hour (default) or day") @QueryParam("bucket")
                    String bucket,
            @Parameter(description = "Only this facility") @QueryParam("facility") String facility,
            @Parameter(description = "Only this source, e.g. mastodon") @QueryParam("source")
                    String source,
            @Parameter(description = "Only mentions of this aspect, by its sentiment")
                    @QueryParam("aspect")
                    String aspect,
            @Parameter(description = "IANA time zone of the buckets; default UTC") @QueryParam("tz")
                    String tz,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        var end = QueryParameters.instant("to", to, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var start = QueryParameters.instant("from", from, end.minus(Duration.ofDays(7)));
        QueryParameters.range(start, end, Duration.ofDays(3660));
        var zone = QueryParameters.zone(tz);
        TimeBuckets.Size size;
        try {
            size = TimeBuckets.Size.parse(bucket == null ? "hour" : bucket);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("bucket", e.getMessage());
        }
        TimeBuckets buckets;
        try {
            buckets = TimeBuckets.of(start, end, size, zone, MAX_BUCKETS);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("bucket", e.getMessage());
        }
        boolean csv = Csv.wanted(format, headers);
        var filter =
                new Filter(
                        brand,
                        buckets.start(0),
                        buckets.end(buckets.count() - 1),
                        QueryParameters.slug("facility", facility, false),
                        QueryParameters.text("source", source, 64),
                        QueryParameters.slug("aspect", aspect, false),
                        null,
                        null);
        var rows =
                history.history(filter, buckets).stream()
                        .map(b -> HistoryResponse.BucketResponse.from(b, zone))
                        .toList();
        audit.record(
                actor.get(),
                "history.read",
                AuditTargets.query()
                        .add("brand", brand)
                        .add("from", start)
                        .add("to", end)
                        .add("bucket", size.name().toLowerCase(java.util.Locale.ROOT))
                        .add("tz", zone.getId())
                        .add("facility", filter.facilityId())
                        .add("source", filter.source())
                        .add("aspect", filter.aspect())
                        .toString(),
                rows.size(),
                csv ? "format=csv" : null);
        if (csv) {
            var out =
                    new StringBuilder(
                            Csv.row(
                                    List.of(
                                            "start",
                                            "end",
                                            "volume",
                                            "negative",
                                            "neutral",
                                            "positive",
                                            "mean_score")));
            for (var b : rows) {
                out.append(
                        Csv.row(
                                java.util.Arrays.asList(
                                        b.start(),
                                        b.end(),
                                        b.volume(),
                                        b.negative(),
                                        b.neutral(),
                                        b.positive(),
                                        b.meanScore())));
            }
            return Response.ok(out.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"" + brand + "-sentiment.csv\"")
                    .build();
        }
        return Response.ok(
                        new HistoryResponse(
                                brand,
                                start,
                                end,
                                size.name().toLowerCase(java.util.Locale.ROOT),
                                zone.getId(),
                                rows),
                        MediaType.APPLICATION_JSON)
                .build();
    }
}
