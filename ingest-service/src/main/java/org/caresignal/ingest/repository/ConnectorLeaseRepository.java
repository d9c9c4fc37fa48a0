package org.caresignal.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.LeasePolicy.Lease;

/**
 * The {@code connector_lease} and {@code ingest_instance} tables; every call runs in the caller's
 * transaction and every expiry is judged by the database's {@code now()}.
 */
@ApplicationScoped
public class ConnectorLeaseRepository {

    private final EntityManager em;

    public ConnectorLeaseRepository(EntityManager em) {
        this.em = em;
    }

    /** The database's time (the start of the current transaction). */
    public Instant now() {
        return instant(em.createNativeQuery("select now()").getSingleResult());
    }

    /** Records that {@code instance} is alive until now + {@code ttl}. */
    public void heartbeat(String instance, Duration ttl) {
        em.createNativeQuery(
                        "insert into ingest_instance (instance_id, started_at, expires_at) values"
                                + " (?1, now(), now() + ?2 * interval '1 millisecond') on"
                                + " conflict (instance_id) do update set expires_at ="
                                + " excluded.expires_at")
                .setParameter(1, instance)
                .setParameter(2, ttl.toMillis())
                .executeUpdate();
        // Instances that died long ago are only clutter.
        em.createNativeQuery(
                        "delete from ingest_instance where expires_at < now() - interval '1 day'")
                .executeUpdate();
    }

    /** How many instances have an unexpired heartbeat. */
    public int liveInstances() {
        return ((Number)
                        em.createNativeQuery(
                                        "select count(*) from ingest_instance where expires_at >"
                                                + " now()")
                                .getSingleResult())
                .intValue();
    }

    /** Forgets an instance (clean shutdown). */
    public void removeInstance(String instance) {
        em.createNativeQuery("delete from ingest_instance where instance_id = ?1")
                .setParameter(1, instance)
                .executeUpdate();
    }

    /** Every lease, expired or not, by connector id. */
    @SuppressWarnings("unchecked")
    public Map<String, Lease> all() {
        List<Object[]> rows =
                em.createNativeQuery(
                                "select connector_id, owner, expires_at from connector_lease order"
                                        + " by connector_id")
                        .getResultList();
        var out = new LinkedHashMap<String, Lease>();
        for (var r : rows) {
            out.put((String) r[0], new Lease((String) r[1], instant(r[2])));
        }
        return out;
    }

    /**
     * Takes the connector's lease for {@code owner} until now + {@code ttl} if it is free, expired
     * or already {@code owner}'s; false when another owner holds it unexpired (or the connector is
     * gone). One statement, so two instances racing for it cannot both win.
     */
    public boolean claim(String connectorId, String owner, Duration ttl) {
        return em.createNativeQuery(
                                "insert into connector_lease (connector_id, owner, acquired_at,"
                                        + " expires_at) select connector_id, ?2, now(), now() + ?3"
                                        + " * interval '1 millisecond' from source_connector where"
                                        + " connector_id = ?1 on conflict (connector_id) do update"
                                        + " set owner = excluded.owner, acquired_at = case when"
                                        + " connector_lease.owner = excluded.owner then"
                                        + " connector_lease.acquired_at else excluded.acquired_at"
                                        + " end, expires_at = excluded.expires_at where"
                                        + " connector_lease.owner = excluded.owner or"
                                        + " connector_lease.expires_at <= now()")
                        .setParameter(1, connectorId)
                        .setParameter(2, owner)
                        .setParameter(3, ttl.toMillis())
                        .executeUpdate()
                == 1;
    }

    /**
     * Extends every lease {@code owner} still holds to now + {@code ttl}. A lease that expired but
     * that nobody took is still {@code owner}'s row, and extending it is safe: any commit made
     * while it was expired was refused.
     */
    public int renew(String owner, Duration ttl) {
        return em.createNativeQuery(
                        "update connector_lease set expires_at = now() + ?2 * interval '1"
                                + " millisecond' where owner = ?1")
                .setParameter(1, owner)
                .setParameter(2, ttl.toMillis())
                .executeUpdate();
    }

    /** Gives one lease back; false if {@code owner} did not hold it. */
    public boolean release(String connectorId, String owner) {
        return em.createNativeQuery(
                                "delete from connector_lease where connector_id = ?1 and owner ="
                                        + " ?2")
                        .setParameter(1, connectorId)
                        .setParameter(2, owner)
                        .executeUpdate()
                == 1;
    }

    /** Gives back every lease {@code owner} holds; how many. */
    public int releaseAll(String owner) {
        return em.createNativeQuery("delete from connector_lease where owner = ?1")
                .setParameter(1, owner)
                .executeUpdate();
    }

    /**
     * True if {@code owner} holds the connector's unexpired lease, and then keeps the lease row
     * share-locked until the transaction ends: another instance's claim waits for this commit, so a
     * cursor written here cannot land after a new owner has read it (fencing).
     */
    public boolean holdForCommit(String connectorId, String owner) {
        return !em.createNativeQuery(
                        "select 1 from connector_lease where connector_id = ?1 and owner = ?2 and"
                                + " expires_at > now() for share")
                .setParameter(1, connectorId)
                .setParameter(2, owner)
                .getResultList()
                .isEmpty();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
