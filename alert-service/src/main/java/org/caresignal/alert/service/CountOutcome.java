package org.caresignal.alert.service;

/** What counting a mention did: counted it now, or found it counted before. */
public enum CountOutcome {
    COUNTED,
    DUPLICATE
}
