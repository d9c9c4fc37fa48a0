package org.caresignal.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.caresignal.alert.domain.detection.Sensitivity;

/**
 * Settings of the alert-service under {@code caresignal.alert}: bucket size, stats limits,
 * detection and incident lifecycle.
 */
@ConfigMapping(prefix = "caresignal.alert")
public interface AlertConfig {

    /**
     * The most scored mentions counted in one transaction, and the most series evaluations after
     * them that are merged into one per series.
     */
    @WithDefault("250")
    int countBatchSize();

    /**
     * How long a counting batch not yet full waits for more mentions after its first: a few
     * milliseconds of latency for a transaction shared by several mentions.
     */
    @WithDefault("50ms")
    Duration countLinger();

    /** Width of a counting bucket; a whole number of minutes that divides a day. */
    @WithDefault("PT5M")
    Duration bucketSize();

    Stats stats();

    Detection detection();

    Incidents incidents();

    Secrets secrets();

    Console console();

    /**
     * Where the console (the dashboard's overview, timeline and explorer) reads brands and sources
     * (ingest-service) and mentions and sentiment history (sentiment-service), with the caller's
     * token; the deadline of each call.
     */
    interface Console {

        /** Base URL of ingest-service's API. */
        @WithDefault("http://localhost:8081")
        URI ingestUrl();

        /** Base URL of sentiment-service's API. */
        @WithDefault("http://localhost:8082")
        URI sentimentUrl();

        /** Deadline of one call (connect and answer); a page waits at most this per part. */
        @WithDefault("PT5S")
        Duration timeout();
    }

    /** Encryption of stored channel secrets (see docs/adr/0005-secrets-at-rest.md). */
    interface Secrets {
        /**
         * The key ring as {@code keyId=base64key} pairs separated by commas (32-byte keys, the
         * first seals, all open); from the environment only, never logged.
         */
        Optional<String> keys();
    }

    /** How the live spike detector runs. */
    interface Detection {

        /** Preset of every series' detector: low, balanced or high. */
        @WithDefault("balanced")
        Sensitivity sensitivity();

        /**
         * How long after its end a bucket still takes late mentions before it is evaluated,
         * measured on the newest publishedAt seen for the series (event time).
         */
        @WithDefault("PT2M")
        Duration grace();

        /**
         * How long a series' newest publishedAt must have stood (wall clock) before buckets are
         * closed by it, so that mentions scored a moment out of order while a backlog is worked off
         * still count; zero closes at once.
         */
        @WithDefault("PT5S")
        Duration settle();

        /**
         * A quiet series' buckets are closed by the wall clock once this long has passed after
         * them, so a spike resolves even when nothing more is posted.
         */
        @WithDefault("PT10M")
        Duration idleClose();

        /** How often quiet series are closed by the wall clock ({@code off} disables it). */
        @WithDefault("1m")
        String tick();
    }

    Outbox outbox();

    Retention retention();

    /**
     * How long each data class lives (docs/privacy.md, "Retention"): ISO-8601 durations; the purge
     * runs every {@code purge-every} in batches of {@code batch-size} rows.
     */
    interface Retention {

        /** Sample links and excerpts (counted mentions, explanations, payloads). */
        @WithDefault("P90D")
        Duration text();

        /** Counted-mention rows and their aspects (bucket counts stay). */
        @WithDefault("P730D")
        Duration mentions();

        /** Brand and facility bucket counts (detector state is never purged). */
        @WithDefault("P1825D")
        Duration aggregates();

        /** Resolved incidents with their audit trail and deliveries. */
        @WithDefault("P2190D")
        Duration incidents();

        /** Delivery log rows. */
        @WithDefault("P365D")
        Duration deliveries();

        /** Published outbox rows and processed-event ids. */
        @WithDefault("P7D")
        Duration outbox();

        /** Audit rows; never less than six years (the database refuses younger deletes). */
        @WithDefault("P2190D")
        Duration audit();

        /** The purge's interval ({@code off} disables it). */
        @WithDefault("15m")
        String purgeEvery();

        /** Rows per batch; each batch is its own short transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /** The relay of alert events from the outbox table to Kafka. */
    interface Outbox {

        /** How often pending alert events are relayed. */
        @WithDefault("1s")
        String interval();
    }

    Backtest backtest();

    /** Limits of the backtest endpoint. */
    interface Backtest {

        /** Range replayed when a request gives no {@code from}. */
        @WithDefault("P7D")
        Duration defaultRange();

        /** Longest range a request may replay. */
        @WithDefault("P92D")
        Duration maxRange();

        /**
         * Most stored mentions one backtest reads to replay the critical-post rules; beyond, the
         * newest are replayed and the answer says from when ({@code PARTIAL}).
         */
        @WithDefault("20000")
        int maxMentions();
    }

    Digest digest();

    /** Daily and weekly digests by e-mail (sent through the service's mailer). */
    interface Digest {

        /** How often due digests are looked for ({@code off} disables sending). */
        @WithDefault("1m")
        String tick();

        /** A period this late after its scheduled time is skipped; the next one goes out. */
        @WithDefault("PT6H")
        Duration maxDelay();

        /** How long an instance holds a claimed period while it builds and sends it. */
        @WithDefault("PT5M")
        Duration lease();
    }

    /** Incident lifecycle settings. */
    interface Incidents {

        /** A repeat within this long after a resolve re-opens the incident instead of paging. */
        @WithDefault("PT24H")
        Duration cooldown();

        /** Longest snooze a person may ask for. */
        @WithDefault("P7D")
        Duration maxSnooze();

        /** Sample mentions an alert cites. */
        @WithDefault("5")
        int samples();

        /** Base URL of the dashboard; an alert links to {@code <base>/incidents/<id>}. */
        @WithDefault("http://localhost:8083/dashboard")
        String dashboardUrl();
    }

    /** Limits of the stats endpoint. */
    interface Stats {

        /** Window served when a request gives no {@code from}. */
        @WithDefault("PT24H")
        Duration defaultRange();

        /** Longest window a request may ask for. */
        @WithDefault("P92D")
        Duration maxRange();
    }
}
