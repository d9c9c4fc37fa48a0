package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
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

    /** Stores where the connector stopped; {@code itemAt} (the time new posts came) may be null. */
    public void saveCursor(String id, String cursor, Instant itemAt) {
        getEntityManager()
                .createNativeQuery(
                        "update source_connector set cursor_state = ?1, last_item_at ="
                                + " coalesce(?2, last_item_at) where connector_id = ?3")
                .setParameter(1, cursor)
                .setParameter(2, itemAt)
                .setParameter(3, id)
                .executeUpdate();
    }

    /**
     * Marks the connector as reported silent since {@code since}; false when this silence was
     * already reported (by this or another instance).
     */
    public boolean markSilent(String id, Instant since, Instant now) {
        return getEntityManager()
                        .createNativeQuery(
                                "update source_connector set silent_reported_at = ?1 where"
                                        + " connector_id = ?2 and (silent_reported_at is null or"
                                        + " silent_reported_at < ?3)")
                        .setParameter(1, now)
                        .setParameter(2, id)
                        .setParameter(3, since)
                        .executeUpdate()
                == 1;
    }
}
