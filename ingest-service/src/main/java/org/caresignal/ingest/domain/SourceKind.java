package org.caresignal.ingest.domain;

import java.util.Arrays;
import java.util.Optional;

/** The sources a connector can poll; the name is the mention's {@code source}. */
public enum SourceKind {
    RSS("rss"),
    MASTODON("mastodon"),
    REDDIT("reddit"),
    X("x"),
    BLUESKY("bluesky");

    private final String sourceName;

    SourceKind(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The {@code source} of the mentions it finds (part of the mention id). */
    public String sourceName() {
        return sourceName;
    }

    public static Optional<SourceKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.sourceName.equals(name)).findFirst();
    }
}
