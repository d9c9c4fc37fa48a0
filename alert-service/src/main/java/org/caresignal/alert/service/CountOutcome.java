package org.caresignal.alert.service;

/**
 * What counting a mention did: counted it now, found it counted before, or skipped it because it
 * was erased on request (a late or replayed copy).
 */
public enum CountOutcome {
    COUNTED,
    DUPLICATE,
    ERASED
}
