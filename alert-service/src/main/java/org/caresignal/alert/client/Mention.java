package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * A stored mention as sentiment-service's {@code /api/mentions} shows it: the redacted text and
 * link (null once erased or purged, {@code textRemoved} says which), the effective label and score
 * (an analyst's correction when {@code corrected}), the model's own, aspects and reposts. The text
 * came from the public: escape it wherever it goes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mention(
        UUID mentionId,
        String brandId,
        String facilityId,
        String source,
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        SentimentLabel label,
        double score,
        boolean uncertain,
        List<Aspect> aspects,
        String modelVersion,
        Instant scoredAt,
        String language,
        String textRemoved,
        long reposts,
        SentimentLabel modelLabel,
        Double modelScore,
        boolean corrected,
        String correctedBy,
        Instant correctedAt,
        int revision) {

    public Mention {
        aspects = aspects == null ? List.of() : List.copyOf(aspects);
    }

    /** An aspect the mention speaks of, with the sentiment of those sentences. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Aspect(String aspect, SentimentLabel label, Double score) {}
}
