package org.caresignal.alert.domain.digest;

import java.time.Period;

/** How often a digest goes out, the range it covers and the console range its link opens. */
public enum DigestCadence {
    DAILY(Period.ofDays(1), "24h", "Daily"),
    WEEKLY(Period.ofWeeks(1), "7d", "Weekly");

    private final Period period;
    private final String consoleRange;
    private final String title;

    DigestCadence(Period period, String consoleRange, String title) {
        this.period = period;
        this.consoleRange = consoleRange;
        this.title = title;
    }

    /** The span between two digests, also the range one covers (local days: DST-safe). */
    public Period period() {
        return period;
    }

    /** The console's {@code range} parameter that shows the same span ({@code 24h}, {@code 7d}). */
    public String consoleRange() {
        return consoleRange;
    }

    /** "Daily" or "Weekly", for the subject. */
    public String title() {
        return title;
    }

    /** The cadence named by {@code value} (case-insensitive), or null. */
    public static DigestCadence parse(String value) {
        if (value == null) {
            return null;
        }
        for (var cadence : values()) {
            if (cadence.name().equalsIgnoreCase(value.strip())) {
                return cadence;
            }
        }
        return null;
    }
}
