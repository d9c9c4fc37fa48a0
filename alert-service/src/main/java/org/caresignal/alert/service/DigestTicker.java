package org.caresignal.alert.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks for due digests every {@code caresignal.alert.digest.tick} (every minute by default). */
@ApplicationScoped
public class DigestTicker {

    private final DigestScheduler digests;

    public DigestTicker(DigestScheduler digests) {
        this.digests = digests;
    }

    @Scheduled(
            every = "${caresignal.alert.digest.tick}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        digests.tick();
    }
}
