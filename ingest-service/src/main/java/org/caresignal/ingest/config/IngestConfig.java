package org.caresignal.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of ingest-service under {@code caresignal.ingest}. */
@ConfigMapping(prefix = "caresignal.ingest")
public interface IngestConfig {

    /** How far in the future a post's publishedAt may be before it is refused. */
    Duration maxClockSkew();

    Outbox outbox();

    Privacy privacy();

    /** The relay from the outbox table to Kafka. */
    interface Outbox {
        /** Brokers the relay sends to; {@code kafka.bootstrap.servers} unless set. */
        String bootstrapServers();

        /** The topic of MentionIngested. */
        String topic();

        /** How often the relay looks for waiting events. */
        @WithDefault("0.2s")
        String pollInterval();

        /** Largest number of events sent per relay round. */
        @WithDefault("200")
        int batchSize();

        /** Longest pause between relay attempts while Kafka fails. */
        @WithDefault("PT10S")
        Duration maxBackoff();

        /** How long one send may wait for the broker's acknowledgement. */
        @WithDefault("PT20S")
        Duration deliveryTimeout();
    }

    /** What is kept of a post's author. */
    interface Privacy {
        /** Key of the keyed hash that pseudonymizes author handles; never logged. */
        Optional<String> pseudonymKey();

        /** Keep authors' display names (off by default: a display name is often a real name). */
        @WithDefault("false")
        boolean keepDisplayNames();
    }
}
