package org.caresignal.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A configured connector: the source it polls for a brand, its schedule, its write-only credential
 * and its persisted cursor.
 */
@Entity
@Table(name = "source_connector")
public class SourceConnector {

    @Id
    @Column(name = "connector_id")
    public String id;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "brand_id", nullable = false)
    public String brandId;

    /** RSS/Atom: the feed URL; Mastodon: the instance, e.g. https://mastodon.social. */
    @Column(name = "base_url", nullable = false)
    public String baseUrl;

    /** Mastodon: the hashtag (without #); unused for RSS. */
    @Column(name = "query")
    public String query;

    /**
     * The credential in its stored, sealed form ({@code v1:<keyId>:...}, see {@link SecretCipher});
     * read it through the service's {@code CredentialVault}, never directly.
     */
    @Column(name = "credential")
    public String storedCredential;

    @Column(name = "poll_interval_seconds", nullable = false)
    public int pollIntervalSeconds;

    @Column(name = "silent_after_seconds", nullable = false)
    public long silentAfterSeconds;

    @Column(name = "enabled", nullable = false)
    public boolean enabled;

    @Column(name = "cursor_state")
    public String cursor;

    @Column(name = "last_item_at")
    public Instant lastItemAt;

    @Column(name = "silent_reported_at")
    public Instant silentReportedAt;

    /** The silentSince of the reported silence not yet reported over (SourceRecovered). */
    @Column(name = "silence_open_since")
    public Instant silenceOpenSince;

    @Column(name = "silence_event_id")
    public UUID silenceEventId;

    /** When the first new post after the open silence was taken; null while it lasts. */
    @Column(name = "recovered_item_at")
    public Instant recoveredItemAt;

    /** When the source last said it accepts no more requests, until {@link #rateLimitedUntil}. */
    @Column(name = "rate_limited_at")
    public Instant rateLimitedAt;

    @Column(name = "rate_limited_until")
    public Instant rateLimitedUntil;

    /** The {@link SilencePolicy.Reason} of the open silence; null for one from before V10. */
    @Column(name = "silence_reason")
    public String silenceReason;

    /** When a successful poll ended the open rate-limited silence; null while it lasts. */
    @Column(name = "recovered_poll_at")
    public Instant recoveredPollAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public String toString() {
        // Never print the credential.
        return "SourceConnector[" + id + ", " + kind + ", brand " + brandId + "]";
    }
}
