package org.caresignal.ingest.domain;

/** What an erasure was asked by: a post's URL, the post at its source, its author, or a phrase. */
public enum ErasureKind {
    URL,
    POST,
    AUTHOR,
    PHRASE
}
