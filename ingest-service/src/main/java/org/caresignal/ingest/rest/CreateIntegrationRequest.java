package org.caresignal.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/integrations}: a name (a slug, recorded on the mentions it pushes) and
 * optionally the only brands it may push for.
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
                        brandIds) {}
