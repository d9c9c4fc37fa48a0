package org.caresignal.sentiment.rest;

import java.util.Map;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How often the model's current label of a brand's corrected mentions equals the analysts' label,
 * overall and per corrected label.
 */
public record AgreementResponse(
        String brandId,
        long corrections,
        long agreeing,
        @Schema(description = "agreeing / corrections; null without corrections", nullable = true)
                Double agreement,
        @Schema(description = "The model the service runs now") String modelVersion,
        Map<SentimentLabel, LabelAgreement> byLabel) {

    /** The corrections to one label and how many of them the model agrees with. */
    public record LabelAgreement(long corrections, long agreeing) {}
}
