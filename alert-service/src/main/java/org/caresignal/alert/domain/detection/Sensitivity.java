package org.caresignal.alert.domain.detection;

import java.util.Locale;

/** How easily the spike detector pages: fewer, surer pages ({@code LOW}) or earlier ones. */
public enum Sensitivity {
    LOW,
    BALANCED,
    HIGH;

    /** Parses {@code low}, {@code balanced} or {@code high} in any case. */
    public static Sensitivity parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "sensitivity must be low, balanced or high, not " + value);
        }
    }
}
