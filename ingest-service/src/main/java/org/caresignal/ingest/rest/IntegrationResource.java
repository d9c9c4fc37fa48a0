package org.caresignal.ingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.service.IntegrationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Integrations that push mentions, each with its own API key (shown once, at creation). */
@Path("/api/integrations")
@Tag(name = "Integrations", description = "Systems allowed to push mentions, with their API keys")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    private final IntegrationService integrations;

    public IntegrationResource(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an integration and its API key",
            description =
                    "The answer holds the key (csk_…); it is shown this once and only its hash is"
                            + " kept. Store it in the integration's secret store.")
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
        var created = integrations.create(request.name(), request.brandIds());
        return Response.created(
                        uri.getAbsolutePathBuilder()
                                .path(created.integration().id.toString())
                                .build())
                .header("Cache-Control", "no-store")
                .entity(IntegrationCreatedResponse.from(created))
                .build();
    }

    @GET
    @Operation(summary = "List integrations (never their keys), revoked ones included")
    public List<IntegrationResponse> list() {
        return integrations.list().stream().map(IntegrationResponse::from).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one integration (never its key)")
    @APIResponse(
            responseCode = "404",
            description = "No such integration",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public IntegrationResponse get(@PathParam("id") UUID id) {
        return IntegrationResponse.from(integrations.get(id));
    }

    @DELETE
    @Path("/{id}")
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
        integrations.revoke(id);
    }
}
