package org.caresignal.alert.service;

/**
 * What counting a mention did: counted it now, moved it to a later revision's label, found it
 * counted before at that revision or a later one, skipped it because it was erased on request (a
 * late or replayed copy), or skipped a later revision of a mention older than the mentions
 * retention (whose first count may have been purged).
 */
public enum CountOutcome {
    COUNTED,
    RECOUNTED,
    DUPLICATE,
    ERASED,
    EXPIRED
}
