package org.caresignal.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How connector health is shared between ingest-service instances under {@code caresignal.health}:
 * how often an owner may write a busy connector's health, how often pending changes are written,
 * and when a copy whose writer is gone counts as stale.
 */
@ConfigMapping(prefix = "caresignal.health")
public interface HealthConfig {

    /**
     * Least time between two writes of one connector's health during a poll's pages or a stream's
     * batches (the end of a poll and every failure are written at once).
     */
    @WithDefault("PT5S")
    Duration saveInterval();

    /** How often changes held back by {@link #saveInterval()} are written. */
    @WithDefault("1s")
    String flushInterval();

    /**
     * A stored health is shown as stale when the instance that wrote it no longer holds the
     * connector and it is older than this (a few lease heartbeats).
     */
    @WithDefault("PT30S")
    Duration staleAfter();
}
