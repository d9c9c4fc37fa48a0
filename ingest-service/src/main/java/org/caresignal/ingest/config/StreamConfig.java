package org.caresignal.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the stream connectors (Jetstream, file replay) under {@code caresignal.streams}. */
@ConfigMapping(prefix = "caresignal.streams")
public interface StreamConfig {

    /** How often running streams are checked against the configured connectors ({@code off}). */
    @WithDefault("5s")
    String reconcileInterval();

    /** First pause before reconnecting after a failure (doubled per failure, with jitter). */
    @WithDefault("PT1S")
    Duration minBackoff();

    /** Longest pause between reconnection attempts. */
    @WithDefault("PT2M")
    Duration maxBackoff();

    /** Largest batch of events committed in one transaction with the cursor. */
    @WithDefault("500")
    int flushSize();

    /** Longest time events wait before they and the cursor are committed. */
    @WithDefault("PT1S")
    Duration flushInterval();

    Jetstream jetstream();

    File file();

    /** Bluesky Jetstream. */
    interface Jetstream {
        /** How far before the stored cursor a reconnect resumes (the overlap is deduplicated). */
        @WithDefault("PT5S")
        Duration rewind();

        /** Oldest point a resume may ask for (Jetstream keeps 36 h). */
        @WithDefault("PT36H")
        Duration maxLookback();

        /** A connection that sends nothing for this long is closed and reopened. */
        @WithDefault("PT60S")
        Duration idleTimeout();

        /** Longest wait for the WebSocket handshake. */
        @WithDefault("PT10S")
        Duration connectTimeout();
    }

    /** File replay. */
    interface File {
        /** The only directory replay files may be read from (absent: file connectors refused). */
        Optional<String> directory();

        /** How often a replay at the end of its file looks for appended lines. */
        @WithDefault("PT1S")
        Duration tailInterval();
    }
}
