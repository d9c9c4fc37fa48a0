package org.caresignal.alert.domain.privacy;

/**
 * The data classes of the retention policy (docs/privacy.md), the same names in every service;
 * alert-service holds all but the ingest-only ERASURES.
 */
public enum DataClass {
    /** Sample links and excerpts: counted mentions, explanations, delivery and outbox payloads. */
    TEXT,
    /** Counted-mention rows and their aspects, without text. */
    MENTIONS,
    /** Brand and facility bucket counts. */
    AGGREGATES,
    /** Resolved incidents, their audit trail, samples and deliveries. */
    INCIDENTS,
    /** Delivery log rows and the record of erasures applied (which deliveries they reported). */
    DELIVERIES,
    /** Published outbox rows and processed-event ids. */
    OUTBOX,
    /** Audit rows (never younger than six years). */
    AUDIT
}
