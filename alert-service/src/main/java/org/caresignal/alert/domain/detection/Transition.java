package org.caresignal.alert.domain.detection;

/** What a bucket did to the detector's episode; only {@code PAGE} sends a new page. */
public enum Transition {
    /** Nothing changed. */
    NONE,
    /** A new episode started: page. */
    PAGE,
    /** The condition came back within the cooldown: the previous episode re-opens, no new page. */
    REOPEN,
    /** The open episode got worse (higher severity or another trigger). */
    UPDATE,
    /** The condition has clearly passed for long enough: the episode ends. */
    RESOLVE
}
