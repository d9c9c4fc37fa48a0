package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.caresignal.alert.event.InvalidEventException;
import org.junit.jupiter.api.Test;

class ConsumerRetryReasonTest {

    @Test
    void theRetryLogKeepsOnlyTheFirstLineOfADatabaseErrorWhichMayQuoteThePost() {
        var failure =
                new IllegalStateException(
                        "ERROR: null value in column \"label\" violates not-null constraint\n"
                                + "  Detail: Failing row contains (id, brand, The nurse was rude).");

        assertThat(ConsumerRetry.reason(failure))
                .isEqualTo("ERROR: null value in column \"label\" violates not-null constraint")
                .doesNotContain("nurse");
    }

    @Test
    void aLongOrMissingMessageIsShortenedOrNamed() {
        assertThat(ConsumerRetry.reason(new IllegalStateException("x".repeat(500))))
                .hasSize(201)
                .endsWith("…");
        assertThat(ConsumerRetry.reason(new IllegalStateException())).isEqualTo("no message");
    }

    @Test
    void onlyBadInputIsPoison() {
        assertThat(ConsumerRetry.isPoison(new IllegalArgumentException("missing text"))).isTrue();
        assertThat(
                        ConsumerRetry.isPoison(
                                new InvalidEventException(
                                        InvalidEventException.MALFORMED, "not valid JSON")))
                .isTrue();
        assertThat(ConsumerRetry.isPoison(new IllegalStateException("database down"))).isFalse();
    }
}
