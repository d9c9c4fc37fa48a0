package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.domain.SilencePolicy;
import org.caresignal.ingest.domain.SourceConnector;

/** Configured source connectors and their cursors. */
@ApplicationScoped
public class SourceConnectorRepository implements PanacheRepositoryBase<SourceConnector, String> {

    /** A connector's id and its stored credential (sealed, or plain text from older versions). */
    public record StoredCredential(String id, String credential) {}

    /** Every stored credential, as the database holds it. */
    @SuppressWarnings("unchecked")
    public List<StoredCredential> storedCredentials() {
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                "select connector_id, credential from source_connector where"
                                        + " credential is not null order by connector_id")
                        .getResultList();
        return rows.stream().map(r -> new StoredCredential((String) r[0], (String) r[1])).toList();
    }

    /** Replaces a stored credential if it is still {@code expected}; false when it changed. */
    public boolean replaceCredential(String id, String expected, String replacement) {
        return getEntityManager()
                        .createNativeQuery(
                                "update source_connector set credential = ?1 where connector_id ="
                                        + " ?2 and credential = ?3")
                        .setParameter(1, replacement)
                        .setParameter(2, id)
                        .setParameter(3, expected)
                        .executeUpdate()
                == 1;
    }

    public List<SourceConnector> listByIdOrder() {
        return list("order by id");
    }

    /**
     * Connectors whose reported silence has ended (a new post, or a successful poll after a rate
     * limit) and awaits its SourceRecovered.
     */
    public List<SourceConnector> listRecoveryPending() {
        return list(
                "silenceOpenSince is not null and (recoveredItemAt is not null or recoveredPollAt"
                        + " is not null) order by id");
    }

    /**
     * Stores that the source, asked at {@code at}, accepts no request before {@code until}; both
     * null clear it.
     */
    public void saveRateLimit(String id, Instant at, Instant until) {
        getEntityManager()
                .createNativeQuery(
                        "update source_connector set rate_limited_at = ?1, rate_limited_until = ?2"
                                + " where connector_id = ?3")
                .setParameter(1, at)
                .setParameter(2, until)
                .setParameter(3, id)
                .executeUpdate();
    }

    /**
     * Ends the connector's open RATE_LIMITED silence with a successful poll at {@code at}, unless
     * it has already ended; false when there is no such silence.
     */
    public boolean markPolledAfterRateLimit(String id, Instant at) {
        return getEntityManager()
                        .createNativeQuery(
                                "update source_connector set recovered_poll_at = ?1 where"
                                        + " connector_id = ?2 and silence_open_since is not null"
                                        + " and silence_reason = 'RATE_LIMITED' and"
                                        + " recovered_item_at is null and recovered_poll_at is"
                                        + " null")
                        .setParameter(1, at)
                        .setParameter(2, id)
                        .executeUpdate()
                == 1;
    }

    /**
     * Stores where the connector stopped; {@code itemAt} (the time new posts came) may be null. The
     * first new posts after a reported silence also record when the silence ended, in the same
     * transaction, so its SourceRecovered cannot be lost.
     */
    public void saveCursor(String id, String cursor, Instant itemAt) {
        getEntityManager()
                .createNativeQuery(
                        "update source_connector set cursor_state = ?1, last_item_at ="
                                + " coalesce(?2, last_item_at) where connector_id = ?3")
                .setParameter(1, cursor)
                .setParameter(2, itemAt)
                .setParameter(3, id)
                .executeUpdate();
        if (itemAt != null) {
            getEntityManager()
                    .createNativeQuery(
                            "update source_connector set recovered_item_at = ?1 where"
                                    + " connector_id = ?2 and silence_open_since is not null and"
                                    + " recovered_item_at is null")
                    .setParameter(1, itemAt)
                    .setParameter(2, id)
                    .executeUpdate();
        }
    }

    /**
     * Marks the connector as reported silent since {@code since} by the SourceSilent {@code
     * eventId}; false when this silence was already reported (by this or another instance), when a
     * post came after {@code since} meanwhile, or while the previous silence's recovery is still to
     * be published.
     */
    public boolean markSilent(
            String id, Instant since, Instant now, UUID eventId, SilencePolicy.Reason reason) {
        // "enabled": an operator may have disabled it since the check read it.
        return getEntityManager()
                        .createNativeQuery(
                                "update source_connector set silent_reported_at = ?1,"
                                        + " silence_open_since = ?3, silence_event_id = ?4,"
                                        + " silence_reason = ?5 where connector_id = ?2 and"
                                        + " enabled and (silent_reported_at is null or"
                                        + " silent_reported_at < ?3) and coalesce(last_item_at,"
                                        + " created_at) <= ?3 and recovered_item_at is null and"
                                        + " recovered_poll_at is null")
                        .setParameter(1, now)
                        .setParameter(2, id)
                        .setParameter(3, since)
                        .setParameter(4, eventId)
                        .setParameter(5, reason.name())
                        .executeUpdate()
                == 1;
    }

    /**
     * Closes the connector's open silence that began at {@code silentSince} and has seen a new
     * post; false when there is none (already closed by this or another instance).
     */
    public boolean markRecovered(String id, Instant silentSince) {
        // A silence ended by a poll without a new post: the next one counts from the same last
        // post, so it must be reportable again.
        return getEntityManager()
                        .createNativeQuery(
                                "update source_connector set silence_open_since = null,"
                                        + " silence_event_id = null, silence_reason = null,"
                                        + " silent_reported_at = case when recovered_item_at is"
                                        + " null then null else silent_reported_at end,"
                                        + " recovered_item_at = null, recovered_poll_at = null"
                                        + " where connector_id = ?1 and silence_open_since = ?2"
                                        + " and (recovered_item_at is not null or"
                                        + " recovered_poll_at is not null)")
                        .setParameter(1, id)
                        .setParameter(2, silentSince)
                        .executeUpdate()
                == 1;
    }
}
