package org.caresignal.ingest.domain;

/**
 * The data classes of docs/privacy.md ("Retention"), each with its own age limit; the same names in
 * every service, used as the {@code data_class} label of the retention metrics.
 */
public enum DataClass {
    /**
     * Identifiers of a post: external id, URL hash, author pseudonym and name; quarantined events.
     */
    TEXT,
    /** The accepted-mention rows (ids, brand, time, counts) without identifiers. */
    MENTIONS,
    /** Per-minute counts of each connector. */
    AGGREGATES,
    /** Quarantined outbox events no admin requeued (sent events are deleted at once). */
    OUTBOX,
    /** Audit rows; at least six years. */
    AUDIT,
    /** Erasure requests and their confirmations (never the erased-identity hashes). */
    ERASURES;

    /** The metric label: the class's name as the other services write it ({@code TEXT}). */
    public String label() {
        return name();
    }
}
