package org.caresignal.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/integrations}: a name (a slug, recorded on the mentions it pushes) and
 * the brands it may push for ({@code brandIds}, or {@code allBrands: true} for every brand);
 * without either it may push for none until an admin grants some.
 */
public record CreateIntegrationRequest(
        @NotBlank
                @Pattern(
                        regexp = SubmitMentionRequest.SLUG,
                        message = "must be a lower-case slug such as crm-export")
                String name,
        @Size(max = 200)
                List<
                                @NotBlank
                                @Pattern(
                                        regexp = SubmitMentionRequest.SLUG,
                                        message =
                                                "must be a lower-case slug such as riverside-health")
                                String>
                        brandIds,
        Boolean allBrands) {}
