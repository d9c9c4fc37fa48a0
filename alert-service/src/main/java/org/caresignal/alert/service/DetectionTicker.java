package org.caresignal.alert.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Periodically closes the buckets of quiet series by the wall clock, so spikes resolve. */
@ApplicationScoped
public class DetectionTicker {

    private final DetectionService detection;

    public DetectionTicker(DetectionService detection) {
        this.detection = detection;
    }

    @Scheduled(
            every = "${caresignal.alert.detection.tick}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        detection.closeIdle(Instant.now());
    }
}
