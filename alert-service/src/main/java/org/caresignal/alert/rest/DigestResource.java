package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.digest.DigestCadence;
import org.caresignal.alert.domain.digest.DigestSettings;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.DigestSubscriptionService;
import org.caresignal.alert.service.EmailSender;

/**
 * A brand's daily and weekly e-mail digests (admin): recipients, local send time in the brand's
 * time zone, whether the recipients are internal; every change is audited.
 */
@Path("/api/brands/{brandId}/digests")
public class DigestResource {

    private final DigestSubscriptionService digests;
    private final EmailSender email;
    private final CurrentActor actor;

    public DigestResource(
            DigestSubscriptionService digests, EmailSender email, CurrentActor actor) {
        this.digests = digests;
        this.email = email;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<DigestResponse> list(@PathParam("brandId") String brandId) {
        return digests.ofBrand(brand(brandId)).stream().map(DigestResponse::from).toList();
    }

    @GET
    @Path("/{cadence}")
    @RolesAllowed(Roles.ADMIN)
    public DigestResponse get(
            @PathParam("brandId") String brandId, @PathParam("cadence") String cadence) {
        return digests.find(brand(brandId), cadence(cadence))
                .map(DigestResponse::from)
                .orElseThrow(NotFoundException::new);
    }

    /** Creates (201) or replaces (200) the brand's digest of this cadence. */
    @PUT
    @Path("/{cadence}")
    @RolesAllowed(Roles.ADMIN)
    public Response put(
            @PathParam("brandId") String brandId,
            @PathParam("cadence") String cadence,
            DigestRequest body) {
        var brand = brand(brandId);
        var which = cadence(cadence);
        if (body == null) {
            throw invalid("body", "must not be empty");
        }
        DigestSettings settings;
        try {
            settings =
                    DigestSettings.of(
                            which,
                            body.recipients(),
                            body.sendAt(),
                            body.dayOfWeek(),
                            body.internal(),
                            body.enabled(),
                            email.allowedDomains());
        } catch (DigestSettings.InvalidDigestException e) {
            throw new InvalidParametersException(
                    e.violations().stream()
                            .map(v -> new ProblemDetail.Violation(v.field(), v.message()))
                            .toList());
        }
        var saved = digests.save(actor.get(), brand, which, settings);
        var response = DigestResponse.from(saved.subscription());
        return saved.created()
                ? Response.created(URI.create("/api/brands/" + brand + "/digests/" + which.name()))
                        .entity(response)
                        .build()
                : Response.ok(response).build();
    }

    @DELETE
    @Path("/{cadence}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(
            @PathParam("brandId") String brandId, @PathParam("cadence") String cadence) {
        if (!digests.delete(actor.get(), brand(brandId), cadence(cadence))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    private static String brand(String brandId) {
        if (!BrandIds.isValid(brandId)) {
            throw invalid("brandId", "must be a slug like riverside-health");
        }
        return brandId;
    }

    private static DigestCadence cadence(String value) {
        var cadence = DigestCadence.parse(value);
        if (cadence == null) {
            throw invalid("cadence", "must be DAILY or WEEKLY");
        }
        return cadence;
    }

    private static InvalidParametersException invalid(String field, String message) {
        return new InvalidParametersException(List.of(new ProblemDetail.Violation(field, message)));
    }
}
