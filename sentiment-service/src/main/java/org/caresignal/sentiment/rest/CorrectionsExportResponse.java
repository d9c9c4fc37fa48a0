package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.SentimentLabel;

/** A brand's corrected mentions that still hold their text, as JSON (the TSV's rows and more). */
public record CorrectionsExportResponse(String brandId, List<CorrectionRow> items) {

    /** One corrected mention: the analyst's labels, the model's, the text, who and when. */
    public record CorrectionRow(
            UUID mentionId,
            SentimentLabel label,
            List<CorrectionRequest.AspectLabel> aspects,
            SentimentLabel modelLabel,
            double modelScore,
            String text,
            String correctedBy,
            Instant correctedAt) {}
}
