package org.caresignal.ingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.caresignal.ingest.domain.Facility;
import org.caresignal.ingest.service.BrandDraft;

/** Body of {@code POST /api/brands} and {@code PUT /api/brands/{id}}. */
public record BrandRequest(
        @NotBlank
                @Pattern(
                        regexp = SubmitMentionRequest.SLUG,
                        message = "must be a lower-case slug such as riverside-health")
                String id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 2000) String watchQuery,
        // Optional IANA zone; absent means the first facility's zone, else UTC.
        @Size(max = 64) String timeZone,
        @Size(max = 200) List<@Valid FacilityRequest> facilities,
        // Optional; absent means false (a PUT replaces the brand, so it switches keeping off).
        Boolean keepStaffNames) {

    /** One facility of the brand. */
    public record FacilityRequest(
            @NotBlank
                    @Pattern(
                            regexp = SubmitMentionRequest.SLUG,
                            message = "must be a lower-case slug such as riverside-north")
                    String id,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> aliases,
            @Size(max = 64) String timeZone,
            @Valid LocationRequest location) {}

    /** Where a facility is. */
    public record LocationRequest(
            @Size(max = 300) String address,
            @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code such as US")
                    String country,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    BrandDraft toDraft(String pathId) {
        var list =
                facilities == null
                        ? List.<Facility>of()
                        : facilities.stream()
                                .map(
                                        f ->
                                                new Facility(
                                                        f.id(),
                                                        f.name(),
                                                        f.aliases(),
                                                        f.timeZone(),
                                                        f.location() == null
                                                                ? null
                                                                : new Facility.Location(
                                                                        f.location().address(),
                                                                        f.location().city(),
                                                                        f.location().region(),
                                                                        f.location().country(),
                                                                        f.location().latitude(),
                                                                        f.location().longitude())))
                                .toList();
        return new BrandDraft(
                pathId == null ? id : pathId,
                name,
                watchQuery,
                timeZone,
                list,
                Boolean.TRUE.equals(keepStaffNames));
    }
}
