package org.caresignal.ingest.service;

/**
 * Fired inside a transaction that wrote outbox rows; the relay hears of it once the transaction has
 * committed (and not at all when it rolled back).
 */
public record OutboxWritten(int events) {}
