package org.caresignal.ingest.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    /**
     * The {@code source} of a post an integration pushed itself (it did not say where it saw it).
     */
    public static final String WEBHOOK = "webhook";

    /**
     * The sources an integration may name for a pushed post: {@code webhook}, or a network a
     * connector polls (so a post pushed and polled has one mention id). Replay files are not a
     * network, so {@code file} is not among them.
     */
    public static List<String> pushableSources() {
        return PUSHABLE;
    }

    /** True if an integration may name this source for a pushed post. */
    public static boolean pushable(String source) {
        return source != null && PUSHABLE.contains(source);
    }

    private static final List<String> PUSHABLE =
            Stream.concat(
                            Stream.of(WEBHOOK),
                            Arrays.stream(values())
                                    .filter(k -> k != FILE)
                                    .map(SourceKind::sourceName))
                    .distinct()
                    .toList();

    public static Optional<SourceKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
    }
}
