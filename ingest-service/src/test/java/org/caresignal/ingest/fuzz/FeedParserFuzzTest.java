package org.caresignal.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.caresignal.ingest.source.rss.FeedParser;

/** Any response body is read as a feed or refused as malformed; nothing else escapes. */
class FeedParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] body) {
        try {
            FeedParser.parse(body);
        } catch (MalformedSourceResponseException e) {
            // A refused body is a failure class of the source, as intended.
        }
    }
}
