package org.caresignal.ingest.source;

import java.util.List;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;

/** One kind of source: polls it once for a connector and hands each page to a {@link PageSink}. */
public interface SourceClient {

    SourceKind kind();

    /**
     * Fetches what is new since the connector's cursor. Each page is committed through {@code sink}
     * together with the cursor after it, so a poll interrupted half way resumes from the last
     * committed page.
     *
     * @throws SourceFailure when the source fails (pages committed before stay committed)
     */
    void poll(SourceConnector connector, PageSink sink);

    /** Receives pages and rate-limit states as a poll goes. */
    interface PageSink {
        /** Accepts the posts and stores {@code cursor} in one transaction. */
        void commit(List<FetchedPost> posts, String cursor);

        /** The source's latest rate-limit state. */
        void rateLimit(RateLimit state);
    }
}
