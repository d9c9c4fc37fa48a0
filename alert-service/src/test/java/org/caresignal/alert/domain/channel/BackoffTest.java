package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));

    @Test
    void doublesPerAttemptWithJitterBetweenHalfAndFull() {
        assertThat(backoff.delay(1, null, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1, null, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, null, () -> 1.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(3, null, () -> 0.5)).isEqualTo(Duration.ofSeconds(6));
        assertThat(backoff.delay(40, null, () -> 1.0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retryAfterWinsWhenLongerAndIsCapped() {
        assertThat(backoff.delay(1, Duration.ofSeconds(30), () -> 1.0))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(5, Duration.ofSeconds(1), () -> 1.0))
                .isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delay(1, Duration.ofHours(5), () -> 0.0))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void signatureIsTheHexHmacOfTheBody() {
        // RFC 4231 test case 2.
        assertThat(Signatures.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo(
                        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
