package org.caresignal.alert.domain;

import java.util.Arrays;
import java.util.Optional;

/** The sentiment classes a scored mention can carry, spelled as on the wire. */
public enum SentimentLabel {
    NEGATIVE,
    NEUTRAL,
    POSITIVE;

    /** The label spelled exactly {@code value}, or empty for anything else. */
    public static Optional<SentimentLabel> fromWire(String value) {
        return Arrays.stream(values()).filter(l -> l.name().equals(value)).findFirst();
    }
}
