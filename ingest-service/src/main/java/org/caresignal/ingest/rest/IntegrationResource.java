package org.caresignal.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.IntegrationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Integrations that push mentions, each with its own API key (shown once, at creation) and the
 * brands an admin granted it; only an admin creates, lists, grants or revokes them (audited).
 */
@Path("/api/integrations")
@Tag(name = "Integrations", description = "Systems allowed to push mentions, with their API keys")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    private final IntegrationService integrations;
    private final Caller caller;

    public IntegrationResource(IntegrationService integrations, Caller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create an integration and its API key",
            description =
                    "The answer holds the key (csk_…); it is shown this once and only its hash is"
                            + " kept. Store it in the integration's secret store. It pushes only"
                            + " for the brands in `brandIds`, or for every brand with `allBrands`:"
                            + " without either it pushes for none until an admin grants brands"
                            + " (PUT /api/integrations/{id}/brands).")
    @APIResponse(responseCode = "201", description = "Created; the body holds the key")
    @APIResponse(
            responseCode = "400",
            description = "Invalid integration",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "409",
            description = "An active integration has this name",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response create(
            @NotNull(message = "a JSON body is required") @Valid CreateIntegrationRequest request,
            @Context UriInfo uri) {
        var allBrands = Boolean.TRUE.equals(request.allBrands());
        if (allBrands && request.brandIds() != null && !request.brandIds().isEmpty()) {
            throw BrandGrantRequest.bothGiven();
        }
        var created =
                integrations.create(request.name(), request.brandIds(), allBrands, caller.actor());
        return Response.created(
                        uri.getAbsolutePathBuilder()
                                .path(created.integration().id.toString())
                                .build())
                .header("Cache-Control", "no-store")
                .entity(IntegrationCreatedResponse.from(created))
                .build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List integrations (never their keys), revoked ones included")
    public List<IntegrationResponse> list() {
        return integrations.list().stream().map(IntegrationResponse::from).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Get one integration (never its key)")
    @APIResponse(responseCode = "200", description = "The integration")
    @APIResponse(
            responseCode = "404",
            description = "No such integration",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public IntegrationResponse get(@PathParam("id") UUID id) {
        return IntegrationResponse.from(integrations.get(id));
    }

    @PUT
    @Path("/{id}/brands")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace the brands an integration may push for",
            description =
                    "Body {\"brandIds\": [...]} (an empty list: no brand) or {\"allBrands\": true}"
                            + " (every brand, present and future). Takes effect at the next"
                            + " request of the integration.")
    @APIResponse(responseCode = "200", description = "The integration with its new grant")
    @APIResponse(
            responseCode = "400",
            description = "Neither or both of brandIds and allBrands, or an invalid brand id",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such integration",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "The integration is revoked",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public IntegrationResponse grant(
            @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid BrandGrantRequest request) {
        request.check();
        return IntegrationResponse.from(
                integrations.grant(
                        id,
                        request.brandIds(),
                        Boolean.TRUE.equals(request.allBrands()),
                        caller.actor()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Revoke an integration's key",
            description =
                    "Its key stops working at once; the integration stays listed with revokedAt."
                            + " Integrations declared in configuration are removed there instead"
                            + " (409).")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(
            responseCode = "404",
            description = "No such integration",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "Declared in configuration",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public void revoke(@PathParam("id") UUID id) {
        integrations.revoke(id, caller.actor());
    }
}
