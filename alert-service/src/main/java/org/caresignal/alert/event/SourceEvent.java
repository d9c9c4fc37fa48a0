package org.caresignal.alert.event;

/** A record of {@code sources.silent.v1}: a {@link SourceSilent} or a {@link SourceRecovered}. */
public sealed interface SourceEvent permits SourceSilent, SourceRecovered {}
