package org.caresignal.alert.domain.detection;

/** The conditions the spike detector tests on every bucket. */
public enum Trigger {
    /** More negative mentions than the seasonal baseline allows. */
    NEGATIVE_VOLUME,
    /** A larger share of negative mentions than the baseline share, by a practical margin. */
    NEGATIVE_SHARE,
    /** More mentions of any sentiment than the seasonal baseline allows. */
    TOTAL_VOLUME
}
