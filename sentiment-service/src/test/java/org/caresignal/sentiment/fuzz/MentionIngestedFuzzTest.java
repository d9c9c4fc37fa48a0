package org.caresignal.sentiment.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.event.MentionIngestedReader;

/**
 * Any record value on mentions.ingested.v1 goes through the consumer's own {@link
 * MentionIngestedReader} and either becomes a {@link MentionIngested} with its required fields or
 * fails as the poison the consumer dead-letters ({@link IllegalArgumentException}); anything else
 * escaping is a finding.
 */
class MentionIngestedFuzzTest {

    /** Configured as Quarkus configures the service's mapper (Java time, unknown fields ok). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final MentionIngestedReader READER = new MentionIngestedReader(MAPPER);

    @FuzzTest(maxDuration = "5m")
    void read(byte[] value) {
        MentionIngested mention;
        try {
            mention = READER.read(new String(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // Poison: the consumer dead-letters it.
            return;
        }
        // What the consumer and the scoring rely on without checking again.
        mention.mentionId().toString();
        mention.brandId().strip();
        mention.text().strip();
        mention.source().strip();
        mention.publishedAt().getEpochSecond();
    }
}
