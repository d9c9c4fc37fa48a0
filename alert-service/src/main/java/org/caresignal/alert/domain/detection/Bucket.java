package org.caresignal.alert.domain.detection;

import java.time.Instant;
import java.util.Objects;

/**
 * Counts of one series (a brand or a facility) in one time bucket: all mentions, the mentions
 * taking part in the negative triggers ({@code assessed}, the negative share's denominator) and,
 * among those, the ones counted as negative.
 *
 * <p>{@code assessed} is below {@code total} when the brand's uncertain policy leaves uncertain
 * mentions out of the negative triggers, and for posts in a language the model does not read: they
 * still count in the volume.
 */
public record Bucket(Instant start, long total, long negative, long assessed) {

    public Bucket {
        Objects.requireNonNull(start, "start");
        if (total < 0 || negative < 0 || negative > assessed || assessed > total) {
            throw new IllegalArgumentException(
                    "need 0 <= negative <= assessed <= total, got "
                            + negative
                            + " of "
                            + assessed
                            + " of "
                            + total);
        }
    }

    /** A bucket where every mention takes part in the negative triggers. */
    public Bucket(Instant start, long total, long negative) {
        this(start, total, negative, total);
    }
}
