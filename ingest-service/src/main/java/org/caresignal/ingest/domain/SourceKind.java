package org.caresignal.ingest.domain;

import java.util.Arrays;
import java.util.Optional;

/** The sources a connector can poll; the name is the mention's {@code source}. */
public enum SourceKind {
    RSS("rss"),
    MASTODON("mastodon"),
    REDDIT("reddit"),
    X("x"),
    BLUESKY("bluesky"),
    // Streams: run continuously by the StreamSupervisor, not polled. Jetstream posts are Bluesky
    // posts, so they share the "bluesky" source (and mention ids) with searchPosts.
    JETSTREAM("jetstream", "bluesky"),
    FILE("file", "file");

    private final String kindName;
    private final String sourceName;

    SourceKind(String sourceName) {
        this(sourceName, sourceName);
    }

    SourceKind(String kindName, String sourceName) {
        this.kindName = kindName;
        this.sourceName = sourceName;
    }

    /** The connector's {@code kind} as configured. */
    public String kindName() {
        return kindName;
    }

    /** True for the kinds that run as long-lived streams rather than polls. */
    public boolean streaming() {
        return this == JETSTREAM || this == FILE;
    }

    /** The {@code source} of the mentions it finds (part of the mention id). */
    public String sourceName() {
        return sourceName;
    }

    public static Optional<SourceKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
    }
}
