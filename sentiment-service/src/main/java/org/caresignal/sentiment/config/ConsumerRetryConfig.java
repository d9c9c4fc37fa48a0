package org.caresignal.sentiment.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How the Kafka consumers retry a transient processing failure before dead-lettering it. */
@ConfigMapping(prefix = "caresignal.sentiment.consumer.retry")
public interface ConsumerRetryConfig {

    /** Attempts in all, the first try included. */
    int maxAttempts();

    /** The wait before the second attempt; it doubles for each further one. */
    Duration initialBackoff();

    /** The cap of the wait between two attempts. */
    Duration maxBackoff();

    /** The time after which no further attempt starts. */
    Duration maxTotal();
}
