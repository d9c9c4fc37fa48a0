package org.caresignal.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of the service's time-based rules (retention cut-offs, erasure times): the system
 * clock in UTC; a test replaces it (QuarkusMock) to move time.
 */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
