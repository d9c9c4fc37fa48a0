package org.caresignal.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.caresignal.ingest.domain.PostText;
import org.caresignal.ingest.domain.WatchQueryParser;
import org.caresignal.ingest.domain.WatchQuerySyntaxException;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tries a watch query on sample posts before an admin saves it on a brand. */
@Path("/api/watch-queries/check")
@Tag(name = "Brands")
public class WatchQueryResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Parse a watch query and say which sample texts it matches")
    @APIResponse(responseCode = "200", description = "Parsed")
    @APIResponse(
            responseCode = "400",
            description = "Syntax error, with its position",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public WatchQueryCheckResponse check(
            @NotNull(message = "a JSON body is required") @Valid WatchQueryCheckRequest request) {
        try {
            var query = WatchQueryParser.parse(request.query());
            return new WatchQueryCheckResponse(
                    query.render(),
                    request.texts().stream()
                            .map(
                                    t ->
                                            new WatchQueryCheckResponse.Result(
                                                    t, query.matches(PostText.of(t))))
                            .toList());
        } catch (WatchQuerySyntaxException e) {
            throw new InvalidInputException("query", e.getMessage(), e.position());
        }
    }
}
