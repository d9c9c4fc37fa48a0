package org.caresignal.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/integrations/{id}/brands}: exactly one of the brands the integration may
 * push for ({@code brandIds}, empty for none) or {@code allBrands: true} (every brand).
 */
public record BrandGrantRequest(
        @Size(max = 200)
                List<
                                @NotBlank
                                @Pattern(
                                        regexp = SubmitMentionRequest.SLUG,
                                        message =
                                                "must be a lower-case slug such as riverside-health")
                                String>
                        brandIds,
        Boolean allBrands) {

    /** Refuses a body that grants nothing explicitly, or both a list and every brand. */
    void check() {
        var all = Boolean.TRUE.equals(allBrands);
        if (all && brandIds != null && !brandIds.isEmpty()) {
            throw bothGiven();
        }
        if (!all && brandIds == null) {
            throw new InvalidRequestException(
                    List.of(
                            new ProblemDetail.Violation(
                                    "brandIds",
                                    "is required unless allBrands is true (send [] for no"
                                            + " brand)")));
        }
    }

    static InvalidRequestException bothGiven() {
        return new InvalidRequestException(
                List.of(
                        new ProblemDetail.Violation(
                                "allBrands", "cannot be true together with a list of brandIds")));
    }
}
