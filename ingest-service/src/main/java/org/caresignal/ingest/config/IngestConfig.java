package org.caresignal.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of ingest-service under {@code caresignal.ingest}. */
@ConfigMapping(prefix = "caresignal.ingest")
public interface IngestConfig {

    /** How far in the future a post's publishedAt may be before it is refused. */
    Duration maxClockSkew();

    Outbox outbox();

    Privacy privacy();

    Sources sources();

    Webhook webhook();

    Secrets secrets();

    Outbound outbound();

    Retention retention();

    Erasure erasure();

    /**
     * How long each data class is kept (docs/privacy.md, "Retention"); the purge job deletes or
     * blanks what is older, in batches.
     */
    interface Retention {
        /** Identifiers of a post (external id, URL hash, author): blanked, the row stays. */
        @WithDefault("P90D")
        Duration text();

        /** The accepted-mention rows themselves. */
        @WithDefault("P730D")
        Duration mentions();

        /** Per-minute counts of each connector. */
        @WithDefault("P1825D")
        Duration aggregates();

        /** Quarantined outbox events an admin did not requeue (sent ones are deleted at once). */
        @WithDefault("P7D")
        Duration outbox();

        /** Audit rows; never less than six years, whatever is set (the database refuses it). */
        @WithDefault("P2190D")
        Duration audit();

        /** Erasure requests and their confirmations (the erased-identity hashes stay). */
        @WithDefault("P2190D")
        Duration erasures();

        /** The purge job's interval ({@code off} disables it). */
        @WithDefault("15m")
        String purgeEvery();

        /** Rows per batch, each batch its own short transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /** Erasure on request (docs/privacy.md, "Erasure on request"). */
    interface Erasure {
        /** The topic of MentionErased. */
        @WithDefault("mentions.erased.v1")
        String topic();

        /** The topic of ErasureConfirmed, which ingest reads. */
        @WithDefault("erasures.confirmed.v1")
        String confirmedTopic();

        /** Where unreadable ErasureConfirmed records go. */
        @WithDefault("erasures.confirmed.v1.dlq")
        String confirmedDeadLetterTopic();

        /** The consumer group reading ErasureConfirmed. */
        @WithDefault("ingest-service")
        String consumerGroup();

        /** Most mentions one erasure may name (one MentionErased event carries them all). */
        @WithDefault("10000")
        int maxMentions();

        /** Longest time range of an erasure by phrase. */
        @WithDefault("P366D")
        Duration maxPhraseRange();

        /** sentiment-service's base URL, asked which mentions hold a phrase (or an old URL). */
        @WithDefault("http://localhost:8082")
        URI sentimentUrl();

        /** How long the match may take in all, connecting included. */
        @WithDefault("PT30S")
        Duration sentimentTimeout();
    }

    /**
     * The one policy of every call to a source (OutboundHttp): which addresses may be reached, how
     * many bytes an answer may have and how many redirects are followed.
     */
    interface Outbound {
        /**
         * Internal destinations the operator allows despite the address policy (an on-premises
         * feed, a proxy): CIDRs, single addresses or exact host names; never set through the API.
         */
        Optional<List<String>> allow();

        /** Longest wait for a TCP (and TLS) connection. */
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Largest answer of a source API (one search page, a token). */
        @WithDefault("8388608")
        long maxApiBytes();

        /** Largest RSS or Atom feed. */
        @WithDefault("16777216")
        long maxFeedBytes();

        /** Largest single stream message (a Jetstream frame). */
        @WithDefault("1048576")
        long maxStreamMessageBytes();

        /** Most redirects followed for one request (each one checked again). */
        @WithDefault("5")
        int maxRedirects();
    }

    /** Encryption of stored source credentials (see docs/adr/0005-secrets-at-rest.md). */
    interface Secrets {
        /**
         * The key ring as {@code keyId=base64key} pairs separated by commas (32-byte keys, the
         * first seals, all open); from the environment only, never logged.
         */
        Optional<String> keys();
    }

    /** Push of mentions by integrations, each with its own API key. */
    interface Webhook {
        /**
         * Integrations declared at start, as {@code name=key} pairs separated by commas (keys of at
         * least 32 characters); never logged.
         */
        Optional<String> keys();

        /** Most mentions one batch request may carry. */
        @WithDefault("500")
        int maxBatchSize();
    }

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

        /**
         * Failed sends of one event, while the broker took the events behind it, after which the
         * event is quarantined so that the queue moves past it.
         */
        @WithDefault("10")
        int maxAttempts();

        /**
         * The relay producer's {@code compression.type}: {@code none} or {@code lz4} (pure Java in
         * kafka-clients, as the consumers decode it); {@code gzip} also works, snappy and zstd are
         * refused here because they load native libraries that may be missing.
         */
        @WithDefault("none")
        String compression();

        /**
         * The relay producer's {@code batch.size} in bytes: one relay round sends up to {@link
         * #batchSize()} events to mostly one partition (the brand key), so a larger producer batch
         * means fewer produce requests for the broker to handle.
         */
        @WithDefault("262144")
        int producerBatchBytes();
    }

    /** What is kept of a post's author. */
    interface Privacy {
        /** Key of the keyed hash that pseudonymizes author handles; never logged. */
        Optional<String> pseudonymKey();

        /** Keep authors' display names (off by default: a display name is often a real name). */
        @WithDefault("false")
        boolean keepDisplayNames();
    }

    /** The source connectors. */
    interface Sources {
        /** How often the poller looks for due connectors ({@code off} disables polling). */
        @WithDefault("1s")
        String tick();

        /** The topic of SourceSilent. */
        @WithDefault("sources.silent.v1")
        String silentTopic();

        /** Poll interval of a connector that does not set one. */
        @WithDefault("PT5M")
        Duration defaultPollInterval();

        /** How long a connector may deliver nothing before SourceSilent, unless it sets its own. */
        @WithDefault("PT6H")
        Duration defaultSilentAfter();

        /**
         * A source that refuses requests for longer than this (429, or no request left before its
         * reset) is reported silent at once ({@code SourceSilent} reason {@code RATE_LIMITED}).
         */
        @WithDefault("PT15M")
        Duration rateLimitAlertAfter();

        /**
         * Total deadline of one HTTP exchange with a source: connect, headers and the whole body,
         * redirects included (so a server dripping its body cannot hold a poll).
         */
        @WithDefault("PT15S")
        Duration requestTimeout();

        /** First pause after a failure (then doubled per failure, with jitter). */
        @WithDefault("PT5S")
        Duration minBackoff();

        /** Longest pause between attempts while a source fails. */
        @WithDefault("PT30M")
        Duration maxBackoff();

        /** How many connectors are polled at the same time (the poll pool's size). */
        @WithDefault("4")
        int pollThreads();

        /**
         * Longest a scheduled poll may run before its connector is reported failing (TIMEOUT) and
         * the poll is interrupted; the other connectors keep their schedule meanwhile.
         */
        @WithDefault("PT2M")
        Duration pollDeadline();

        /** Most pages one poll of a paged source fetches before it yields to the next poll. */
        @WithDefault("10")
        int maxPagesPerPoll();

        /** The User-Agent sent to every source. */
        @WithDefault("CareSignal/0.1 (public brand monitoring)")
        String userAgent();

        /**
         * The User-Agent sent to Reddit, which requires {@code <platform>:<app ID>:<version> (by
         * /u/<reddit username>)}; set the username of the account that owns the OAuth app.
         */
        @WithDefault("server:org.caresignal.ingest:v0.1.0 (by /u/caresignal)")
        String redditUserAgent();
    }
}
