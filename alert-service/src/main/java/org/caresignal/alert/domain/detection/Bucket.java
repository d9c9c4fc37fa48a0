package org.caresignal.alert.domain.detection;

import java.time.Instant;
import java.util.Objects;

/**
 * Counts of one series (a brand or a facility) in one time bucket: all mentions and the negative
 * ones.
 */
public record Bucket(Instant start, long total, long negative) {

    public Bucket {
        Objects.requireNonNull(start, "start");
        if (total < 0 || negative < 0 || negative > total) {
            throw new IllegalArgumentException(
                    "need 0 <= negative <= total, got " + negative + " of " + total);
        }
    }
}
