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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.BrandCatalog;
import org.caresignal.ingest.service.BrandService;
import org.caresignal.ingest.service.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CRUD of brands (health systems), their facilities and their watch query: every role reads them,
 * an admin changes them (audited under the admin's name).
 */
@Path("/api/brands")
@Tag(name = "Brands", description = "What CareSignal watches for each health system")
@Produces(MediaType.APPLICATION_JSON)
public class BrandResource {

    private final BrandService brands;
    private final BrandCatalog catalog;
    private final Caller caller;

    public BrandResource(BrandService brands, BrandCatalog catalog, Caller caller) {
        this.brands = brands;
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "List brands")
    public List<BrandResponse> list() {
        return brands.list().stream().map(BrandResponse::from).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Get one brand")
    @APIResponse(responseCode = "200", description = "The brand")
    @APIResponse(
            responseCode = "404",
            description = "No such brand",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public BrandResponse get(@PathParam("id") String id) {
        return BrandResponse.from(brands.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a brand",
            description =
                    "A watch query with a syntax error is refused with 400 problem+json whose"
                            + " `position` is the 1-based character where the problem is.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "400",
            description = "Invalid brand or watch query",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "409",
            description = "The id is taken",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response create(
            @NotNull(message = "a JSON body is required") @Valid BrandRequest request) {
        var brand = brands.create(request.toDraft(null), caller.actor());
        catalog.refresh();
        return Response.created(URI.create("/api/brands/" + brand.id))
                .entity(BrandResponse.from(brand))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a brand (its name, query and facilities)")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(
            responseCode = "400",
            description = "Invalid brand or watch query",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "No such brand",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public BrandResponse replace(
            @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid BrandRequest request) {
        if (!id.equals(request.id())) {
            throw new InvalidInputException(
                    "id", "must equal the id in the path (" + id + ")", null);
        }
        var brand = brands.replace(request.toDraft(id), caller.actor());
        catalog.refresh();
        return BrandResponse.from(brand);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a brand")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such brand",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response delete(@PathParam("id") String id) {
        brands.delete(id, caller.actor());
        catalog.refresh();
        return Response.noContent().build();
    }
}
