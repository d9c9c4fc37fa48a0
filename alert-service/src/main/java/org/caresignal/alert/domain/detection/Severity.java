package org.caresignal.alert.domain.detection;

/** How urgent an alert is, lowest first; maps onto each channel's own levels. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
