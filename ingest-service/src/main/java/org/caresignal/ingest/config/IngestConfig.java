package org.caresignal.ingest.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Settings of ingest-service under {@code caresignal.ingest}. */
@ConfigMapping(prefix = "caresignal.ingest")
public interface IngestConfig {

    /** How far in the future a post's publishedAt may be before it is refused. */
    Duration maxClockSkew();
}
