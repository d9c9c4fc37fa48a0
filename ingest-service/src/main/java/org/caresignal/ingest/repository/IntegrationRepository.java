package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.ingest.domain.Integration;

/** Webhook integrations, found by the hash of their key. */
@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {

    public List<Integration> listByCreation() {
        return list("order by createdAt, name");
    }

    /** The active integration whose key has this hash. */
    public Optional<Integration> findActiveByKeyHash(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResultOptional();
    }

    /** Advisory lock namespace of integration names ("INTG"). */
    private static final int NAMES_LOCK = 0x494E5447;

    /**
     * Holds the integrations' names until the transaction ends: instances starting together declare
     * the configured integrations one after the other, and the later one finds them made, instead
     * of both inserting and one failing its start on the unique key.
     */
    public void lockNames() {
        getEntityManager()
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) l")
                .setParameter(1, NAMES_LOCK)
                .getSingleResult();
    }

    public Optional<Integration> findActiveByName(String name) {
        return find("name = ?1 and revokedAt is null", name).firstResultOptional();
    }

    /**
     * Notes that the integration was used now, at most once per {@code granularity}, so that a busy
     * integration does not write its row on every request.
     */
    public void touch(UUID id, Instant now, Duration granularity) {
        getEntityManager()
                .createNativeQuery(
                        "update integration set last_used_at = ?1 where integration_id = ?2 and"
                                + " (last_used_at is null or last_used_at < ?3)")
                .setParameter(1, now)
                .setParameter(2, id)
                .setParameter(3, now.minus(granularity))
                .executeUpdate();
    }
}
