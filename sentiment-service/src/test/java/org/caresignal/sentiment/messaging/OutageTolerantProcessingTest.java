package org.caresignal.sentiment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The part of the consumer's failure handling that needs no broker: what a log line says. */
class OutageTolerantProcessingTest {

    @Test
    void theReasonIsTheFirstLineShortenedNeverTheRowDetail() {
        var failure =
                new IllegalStateException(
                        "insert failed\nDetail: Failing row contains (secret post text)",
                        new SQLException("x"));

        assertThat(OutageTolerantProcessing.reason(failure)).isEqualTo("insert failed");
        assertThat(OutageTolerantProcessing.reason(new IllegalStateException("x".repeat(500))))
                .hasSize(201);
        assertThat(OutageTolerantProcessing.reason(new IllegalStateException()))
                .isEqualTo("no message");
    }
}
