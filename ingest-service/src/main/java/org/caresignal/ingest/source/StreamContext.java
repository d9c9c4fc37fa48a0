package org.caresignal.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a running stream connector may do: read its stored cursor, commit a batch of posts with the
 * cursor after it (one transaction), and report connection, events and malformed records for its
 * health and metrics; {@link #running()} turns false when the supervisor stops it.
 */
public interface StreamContext {

    /** False once the supervisor asked the stream to stop. */
    boolean running();

    /** How many times this connector's stream was started before in this process (0 first). */
    int attempt();

    /** The cursor as last committed, read from the database. */
    String storedCursor();

    /**
     * Commits the posts and the cursor after them in one transaction.
     *
     * @param position a human-readable position for the health (e.g. the line), or null
     */
    void commit(List<RoutedPost> posts, String cursor, String position, boolean caughtUp);

    /** The stream is open (or the file opened) at {@code endpoint} (no credential, no query). */
    void connected(String endpoint);

    /** The stream closed or failed. */
    void disconnected();

    /** One event read, of the given time at the source (null if it has none). */
    void event(Instant eventTime, String outcome);

    /** A record that could not be read, skipped; {@code where} names it (never its content). */
    void malformed(String where);

    /** Waits, waking early if stopped; false when stopped. */
    boolean pause(Duration d);
}
