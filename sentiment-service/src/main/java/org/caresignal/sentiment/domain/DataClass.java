package org.caresignal.sentiment.domain;

/**
 * The classes of data this service keeps, each with its own retention (docs/privacy.md, same names
 * in every service).
 */
public enum DataClass {
    /** Post text, post URL, external id: blanked, the row stays. */
    TEXT,
    /** Per-mention rows without text (verdict, aspects) and erased-mention tombstones: deleted. */
    MENTIONS,
    /** Audit rows: deleted, never younger than six years. */
    AUDIT
}
