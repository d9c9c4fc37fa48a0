package org.caresignal.sentiment.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The service's one clock (UTC) for what depends on the time of day (retention cut-offs, erasure
 * times); tests replace it to move time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
