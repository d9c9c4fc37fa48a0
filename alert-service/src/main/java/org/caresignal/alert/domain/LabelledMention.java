package org.caresignal.alert.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The part of a scored mention that counting needs: which mention, which brand, what, when. */
public record LabelledMention(
        UUID mentionId, String brandId, SentimentLabel label, Instant publishedAt) {

    public LabelledMention {
        Objects.requireNonNull(mentionId, "mentionId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (!BrandIds.isValid(brandId)) {
            throw new IllegalArgumentException("brandId must match " + BrandIds.PATTERN);
        }
    }
}
