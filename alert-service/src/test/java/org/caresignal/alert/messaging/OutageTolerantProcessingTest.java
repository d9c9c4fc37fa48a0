package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.caresignal.alert.event.InvalidEventException;
import org.junit.jupiter.api.Test;

/** The parts of the consumers' failure handling that need no broker: poison and log reasons. */
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

    @Test
    void onlyBadInputIsPoison() {
        // A library's IllegalArgumentException (Hibernate shutting down) is not a verdict on the
        // event.
        assertThat(OutageTolerantProcessing.isPoison(new IllegalArgumentException("no EMF")))
                .isFalse();
        assertThat(
                        OutageTolerantProcessing.isPoison(
                                new InvalidEventException(
                                        InvalidEventException.MALFORMED, "not JSON")))
                .isTrue();
        assertThat(OutageTolerantProcessing.isPoison(new IllegalStateException("database down")))
                .isFalse();
    }
}
