package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * How often the current model agrees with a brand's corrections, from {@code GET
 * /api/brands/{brandId}/corrections/agreement}; {@code agreement} is null when there are none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CorrectionAgreement(
        String brandId,
        long corrections,
        long agreeing,
        Double agreement,
        String modelVersion,
        Map<String, ByLabel> byLabel) {

    public CorrectionAgreement {
        byLabel = byLabel == null ? Map.of() : Map.copyOf(byLabel);
    }

    /** Corrections to one label and how many of them the model now agrees with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ByLabel(long corrections, long agreeing) {}
}
