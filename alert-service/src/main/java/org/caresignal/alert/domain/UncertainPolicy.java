package org.caresignal.alert.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an uncertain mention (the scorer is not sure of its label) does in a brand's negative
 * triggers and sentiment figures; chosen per brand, {@link #EXCLUDE} by default. Mentions in a
 * language the model does not read are left out whatever the policy ({@link
 * Certainty#UNREAD_LANGUAGE}).
 */
public enum UncertainPolicy {
    /** Counted as negative, whatever its label: err on the side of paging. */
    NEGATIVE,
    /** Counted as neutral, whatever its label: in the share's denominator, never negative. */
    NEUTRAL,
    /**
     * Left out of the negative triggers: neither in the negative count nor in the negative share's
     * denominator; still counted in the volume.
     */
    EXCLUDE;

    public static final UncertainPolicy DEFAULT = EXCLUDE;

    /** The policy named {@code value} (any case), or empty. */
    public static Optional<UncertainPolicy> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var name = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
