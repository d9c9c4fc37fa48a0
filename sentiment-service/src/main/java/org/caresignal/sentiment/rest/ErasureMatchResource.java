package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.ErasureMatchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Erasure matching for ingest-service: a phrase within a brand and time range, or a post URL, in;
 * the ids of the mentions holding it out (never text); audited as erasure.match.
 */
@Path("/api/erasure-matches")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Erasure", description = "Find the mentions an erasure on request takes")
public class ErasureMatchResource {

    static final int MIN_PHRASE = 3;
    static final int MAX_PHRASE = 500;
    static final int MAX_URL = 2048;
    static final Duration LONGEST_RANGE = Duration.ofDays(366);

    private final ErasureMatchService matches;
    private final CurrentActor actor;

    public ErasureMatchResource(ErasureMatchService matches, CurrentActor actor) {
        this.matches = matches;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "matchErasure",
            summary = "Find the mentions an erasure by phrase or URL takes",
            description =
                    "By phrase: the mentions of brandId published in [from, to) (at most 366 days)"
                            + " whose text contains the phrase (3 to 500 characters,"
                            + " case-insensitive). By URL: the mentions stored under exactly this"
                            + " URL (brandId, from and to narrow it when given). Erased mentions"
                            + " and mentions whose text was purged never match. Answers ids only,"
                            + " oldest first, at most 10,001 (more than 10,000 is too many for one"
                            + " erasure). Recorded in the audit log (erasure.match) with the"
                            + " phrase's length, never the phrase or URL.")
    @APIResponse(
            responseCode = "200",
            description = "The matching mention ids and their count",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErasureMatchResponse.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "Neither phrase nor url, a phrase without brand or range, a phrase too short"
                            + " or long, a bad brand or time, or a range inverted or too long",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public ErasureMatchResponse match(ErasureMatchRequest request) {
        var criteria = criteria(request);
        var target =
                AuditTargets.query()
                        .add("brand", criteria.brandId())
                        .add("from", criteria.from())
                        .add("to", criteria.to())
                        .add("by", criteria.phrase() != null ? "phrase" : "url")
                        .toString();
        return ErasureMatchResponse.from(matches.match(criteria, target, actor.get()));
    }

    private static ErasureMatchService.Criteria criteria(ErasureMatchRequest request) {
        if (request == null) {
            throw new InvalidParameterException("phrase", "a phrase or a url is required");
        }
        var phrase = blankToNull(request.phrase());
        // Stored as the source published it; ingest trims what the requester gives.
        var url = request.url() == null ? null : blankToNull(request.url().strip());
        if (phrase == null && url == null) {
            throw new InvalidParameterException("phrase", "a phrase or a url is required");
        }
        var brand = QueryParameters.slug("brandId", request.brandId(), phrase != null);
        var from = QueryParameters.instant("from", request.from(), null);
        var to = QueryParameters.instant("to", request.to(), null);
        if (phrase != null) {
            if (from == null) {
                throw new InvalidParameterException("from", "is required with a phrase");
            }
            if (to == null) {
                throw new InvalidParameterException("to", "is required with a phrase");
            }
            if (phrase.length() < MIN_PHRASE || phrase.length() > MAX_PHRASE) {
                throw new InvalidParameterException(
                        "phrase",
                        "must be " + MIN_PHRASE + " to " + MAX_PHRASE + " characters long");
            }
        }
        if (from != null && to != null) {
            QueryParameters.range(from, to, LONGEST_RANGE);
        }
        if (url != null && url.length() > MAX_URL) {
            throw new InvalidParameterException(
                    "url", "must be at most " + MAX_URL + " characters");
        }
        return new ErasureMatchService.Criteria(brand, from, to, phrase, url);
    }

    // A phrase is matched as given (its spaces count); only an empty one means "none".
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
