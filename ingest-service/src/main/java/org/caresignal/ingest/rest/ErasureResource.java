package org.caresignal.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.ErasureKind;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.ErasureCriteria;
import org.caresignal.ingest.service.ErasureService;
import org.caresignal.ingest.service.NotFoundException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Erasure on request (admin): erase the mentions of a post URL, a post, an author or a phrase
 * within a brand and time range, preview how many match, and follow each erasure's report until
 * every service confirmed. Requests and reports never repeat the URL, handle or phrase.
 */
@Path("/api/erasures")
@Tag(name = "Erasures", description = "Remove a person's posts on request")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    static final int MAX_URL = 2048;
    static final int MAX_PHRASE = 200;
    static final int MIN_PHRASE = 3;
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    private final ErasureService erasures;
    private final Caller caller;
    private final IngestConfig config;
    private final ObjectMapper mapper;

    public ErasureResource(
            ErasureService erasures, Caller caller, IngestConfig config, ObjectMapper mapper) {
        this.erasures = erasures;
        this.caller = caller;
        this.config = config;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Erase mentions on request, or preview how many match",
            description =
                    "by URL (url), POST (source, externalId), AUTHOR (source, handle; brandId"
                            + " optional; the author's later posts are refused too) or PHRASE"
                            + " (brandId, phrase of at least 3 characters, from, to: at most 366"
                            + " days; matched case-insensitively in the stored text by"
                            + " sentiment-service). dryRun=true answers {\"matches\": n} and"
                            + " changes nothing. Otherwise the erasure is recorded, the mentions'"
                            + " identifiers are blanked, MentionErased is published and the post"
                            + " is refused whenever it comes back. Audited as erasure.preview /"
                            + " erasure.create without the URL, handle or phrase.")
    @APIResponse(
            responseCode = "200",
            description = "Dry run: how many mentions match",
            content = @Content(schema = @Schema(implementation = ErasurePreviewResponse.class)))
    @APIResponse(
            responseCode = "202",
            description = "Erased here; the other services confirm on their own (see Location)",
            content = @Content(schema = @Schema(implementation = ErasureResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed request",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "More than 10,000 mentions match: narrow the request",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "503",
            description = "sentiment-service could not be asked; nothing was erased",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response create(ErasureRequest request) {
        var criteria = validated(request);
        var actor = caller.actor();
        boolean needsToken =
                criteria.by() == ErasureKind.PHRASE || criteria.by() == ErasureKind.URL;
        var authorization = needsToken ? caller.bearerAuthorization() : null;
        if (Boolean.TRUE.equals(request.dryRun())) {
            return Response.ok(
                            new ErasurePreviewResponse(
                                    erasures.preview(criteria, actor, authorization)))
                    .build();
        }
        var report = erasures.erase(criteria, actor, authorization);
        return Response.accepted(ErasureResponse.from(report, mapper))
                .location(URI.create("/api/erasures/" + report.erasure().id))
                .build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List erasures", description = "Newest first, paged (page, size).")
    public ErasurePageResponse list(
            @QueryParam("page") String page, @QueryParam("size") String size) {
        var violations = new ArrayList<ProblemDetail.Violation>();
        int p = integer("page", page, 0, 0, Integer.MAX_VALUE, violations);
        int s = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        var result = erasures.list(p, s);
        return new ErasurePageResponse(
                result.items().stream().map(r -> ErasureResponse.from(r, mapper)).toList(),
                p,
                s,
                result.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "An erasure's report",
            description =
                    "PENDING until sentiment-service and alert-service confirmed, then CONFIRMED;"
                            + " per service when it confirmed, and the deliveries that had carried"
                            + " a link or excerpt of an erased mention.")
    @APIResponse(
            responseCode = "404",
            description = "No such erasure",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public ErasureResponse get(@PathParam("id") String id) {
        UUID erasureId;
        try {
            erasureId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no erasure " + id);
        }
        return erasures.report(erasureId)
                .map(r -> ErasureResponse.from(r, mapper))
                .orElseThrow(() -> new NotFoundException("no erasure " + id));
    }

    /**
     * The request's fields for its kind; the messages never repeat a value (it may be a name or a
     * handle).
     */
    private ErasureCriteria validated(ErasureRequest r) {
        var violations = new ArrayList<ProblemDetail.Violation>();
        if (r == null) {
            throw new InvalidRequestException(
                    List.of(new ProblemDetail.Violation("body", "a JSON body is required")));
        }
        ErasureKind kind = null;
        if (r.by() == null || r.by().isBlank()) {
            violations.add(new ProblemDetail.Violation("by", "is required"));
        } else {
            try {
                kind = ErasureKind.valueOf(r.by().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(
                        new ProblemDetail.Violation("by", "must be URL, POST, AUTHOR or PHRASE"));
            }
        }
        if (kind != null) {
            switch (kind) {
                case URL -> required("url", r.url(), MAX_URL, violations);
                case POST -> {
                    source(r.source(), violations);
                    required("externalId", r.externalId(), 2048, violations);
                }
                case AUTHOR -> {
                    source(r.source(), violations);
                    required("handle", r.handle(), 256, violations);
                    optional("brandId", r.brandId(), 64, violations);
                }
                case PHRASE -> {
                    required("brandId", r.brandId(), 64, violations);
                    required("phrase", r.phrase(), MAX_PHRASE, violations);
                    if (r.phrase() != null && r.phrase().strip().length() < MIN_PHRASE) {
                        violations.add(
                                new ProblemDetail.Violation(
                                        "phrase",
                                        "must have at least " + MIN_PHRASE + " characters"));
                    }
                    if (r.from() == null) {
                        violations.add(new ProblemDetail.Violation("from", "is required"));
                    }
                    if (r.to() == null) {
                        violations.add(new ProblemDetail.Violation("to", "is required"));
                    }
                    if (r.from() != null && r.to() != null) {
                        if (!r.from().isBefore(r.to())) {
                            violations.add(new ProblemDetail.Violation("to", "must be after from"));
                        } else if (Duration.between(r.from(), r.to())
                                        .compareTo(config.erasure().maxPhraseRange())
                                > 0) {
                            violations.add(
                                    new ProblemDetail.Violation(
                                            "to",
                                            "must be at most "
                                                    + config.erasure().maxPhraseRange().toDays()
                                                    + " days after from"));
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new ErasureCriteria(
                kind,
                strip(r.url()),
                strip(r.source()),
                strip(r.externalId()),
                strip(r.handle()),
                strip(r.brandId()),
                r.phrase() == null ? null : r.phrase().strip(),
                r.from(),
                r.to());
    }

    private static void source(String value, List<ProblemDetail.Violation> violations) {
        required("source", value, 32, violations);
        if (value != null && value.contains("|")) {
            violations.add(new ProblemDetail.Violation("source", "must not contain '|'"));
        }
    }

    private static void required(
            String field, String value, int max, List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new ProblemDetail.Violation(field, "is required"));
        } else {
            optional(field, value, max, violations);
        }
    }

    private static void optional(
            String field, String value, int max, List<ProblemDetail.Violation> violations) {
        if (value != null && value.strip().length() > max) {
            violations.add(
                    new ProblemDetail.Violation(field, "must have at most " + max + " characters"));
        }
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int integer(
            String field,
            String value,
            int fallback,
            int min,
            int max,
            List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(
                new ProblemDetail.Violation(
                        field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
