package org.caresignal.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Connector ownership between ingest-service instances under {@code caresignal.leases}: how long a
 * lease lasts without renewal and how often an instance renews its leases and rebalances.
 */
@ConfigMapping(prefix = "caresignal.leases")
public interface LeaseConfig {

    /**
     * How long a lease lasts after its last renewal: how long the connectors of a crashed instance
     * wait before another takes them (a clean shutdown hands them over at once).
     */
    @WithDefault("PT30S")
    Duration duration();

    /**
     * How often leases are renewed, free ones claimed and excess ones released ({@code off}
     * disables it); well under {@link #duration()}.
     */
    @WithDefault("10s")
    String heartbeat();

    /** This instance's id; by default the host name (pod name) and a random suffix. */
    Optional<String> instanceId();
}
