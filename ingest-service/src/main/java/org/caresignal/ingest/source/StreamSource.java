package org.caresignal.ingest.source;

import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;

/**
 * A source that runs as one long-lived stream per connector (a WebSocket subscription, a file being
 * replayed) rather than as polls; the StreamSupervisor starts, restarts and stops it.
 */
public interface StreamSource {

    SourceKind kind();

    /**
     * Runs until the stream ends or {@code context.running()} turns false, committing events with
     * their cursor through the context as it goes; returns normally only when asked to stop.
     *
     * @throws SourceFailure when the stream fails (the supervisor backs off and runs it again from
     *     the last committed cursor)
     */
    void run(SourceConnector connector, StreamContext context) throws InterruptedException;

    /** Checks the connector's url and query for this kind, naming the faulty field. */
    void validate(String url, String query);
}
