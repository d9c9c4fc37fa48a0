package org.caresignal.alert.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.caresignal.alert.domain.digest.DigestCadence;
import org.caresignal.alert.domain.digest.DigestSettings;
import org.caresignal.alert.domain.digest.DigestSubscription;
import org.hibernate.query.NativeQuery;

/**
 * Digest subscriptions ({@code digest_subscription}, one per brand and cadence) and the claim that
 * makes each period go out once whatever the number of instances: a conditional update that only
 * one tick wins, holding the period for a lease while it sends.
 */
@ApplicationScoped
public class DigestSubscriptionRepository {

    private static final String COLUMNS =
            "brand_id, cadence, day_of_week, send_at, CAST(recipients AS text), internal, enabled,"
                    + " updated_at, not_before, last_sent_period, last_sent_at, attempts,"
                    + " last_error";

    private final EntityManager em;
    private final ObjectMapper mapper;

    public DigestSubscriptionRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    public Optional<DigestSubscription> find(String brandId, DigestCadence cadence) {
        return rows(
                        "SELECT "
                                + COLUMNS
                                + " FROM digest_subscription WHERE brand_id = :b AND cadence = :c",
                        brandId,
                        cadence)
                .stream()
                .findFirst();
    }

    /** The brand's subscriptions, daily first. */
    public List<DigestSubscription> ofBrand(String brandId) {
        return rows(
                "SELECT "
                        + COLUMNS
                        + " FROM digest_subscription WHERE brand_id = :b ORDER BY cadence",
                brandId,
                null);
    }

    /** Every enabled subscription (the scheduler decides which are due). */
    public List<DigestSubscription> enabled() {
        return rows(
                "SELECT "
                        + COLUMNS
                        + " FROM digest_subscription WHERE enabled ORDER BY brand_id, cadence",
                null,
                null);
    }

    /**
     * Inserts or replaces the settings; the sending state stays. {@code notBefore} restarts when
     * the schedule is new or moved, so a change never sends a period at once.
     *
     * @return true when the subscription was created
     */
    public boolean save(
            String brandId,
            DigestCadence cadence,
            DigestSettings settings,
            Instant now,
            boolean restartSchedule) {
        var created =
                em.createNativeQuery(
                                "INSERT INTO digest_subscription (brand_id, cadence, day_of_week,"
                                        + " send_at, recipients, internal, enabled, created_at,"
                                        + " updated_at, not_before) VALUES (:b, :c, :day, :at,"
                                        + " CAST(:to AS jsonb), :internal, :enabled, :now, :now,"
                                        + " :now) ON CONFLICT (brand_id, cadence) DO NOTHING")
                        .unwrap(NativeQuery.class)
                        .setParameter("b", brandId)
                        .setParameter("c", cadence.name())
                        .setParameter("day", day(settings), Short.class)
                        .setParameter("at", Time.valueOf(settings.sendAt()))
                        .setParameter("to", json(settings.recipients()))
                        .setParameter("internal", settings.internal())
                        .setParameter("enabled", settings.enabled())
                        .setParameter("now", Timestamp.from(now))
                        .executeUpdate();
        if (created == 1) {
            return true;
        }
        em.createNativeQuery(
                        "UPDATE digest_subscription SET day_of_week = :day, send_at = :at,"
                                + " recipients = CAST(:to AS jsonb), internal = :internal,"
                                + " enabled = :enabled, updated_at = :now, not_before = CASE WHEN"
                                + " :restart THEN :now ELSE not_before END WHERE brand_id = :b AND"
                                + " cadence = :c")
                .unwrap(NativeQuery.class)
                .setParameter("b", brandId)
                .setParameter("c", cadence.name())
                .setParameter("day", day(settings), Short.class)
                .setParameter("at", Time.valueOf(settings.sendAt()))
                .setParameter("to", json(settings.recipients()))
                .setParameter("internal", settings.internal())
                .setParameter("enabled", settings.enabled())
                .setParameter("now", Timestamp.from(now))
                .setParameter("restart", restartSchedule)
                .executeUpdate();
        return false;
    }

    public boolean delete(String brandId, DigestCadence cadence) {
        return em.createNativeQuery(
                                "DELETE FROM digest_subscription WHERE brand_id = :b AND cadence"
                                        + " = :c")
                        .setParameter("b", brandId)
                        .setParameter("c", cadence.name())
                        .executeUpdate()
                == 1;
    }

    /**
     * Claims {@code period} for sending until {@code until}: true for exactly one caller while the
     * period is neither handled nor held by a live lease (in its own short transaction, committed
     * before anything is sent).
     */
    public boolean claim(
            String brandId, DigestCadence cadence, LocalDate period, Instant now, Instant until) {
        return em.createNativeQuery(
                                "UPDATE digest_subscription SET sending_period = :p,"
                                        + " sending_until = :until, attempts = CASE WHEN"
                                        + " sending_period = :p THEN attempts + 1 ELSE 1 END"
                                        + " WHERE brand_id = :b AND cadence = :c AND enabled AND"
                                        + " (last_sent_period IS NULL OR last_sent_period < :p)"
                                        + " AND (sending_until IS NULL OR sending_until <= :now)")
                        .setParameter("b", brandId)
                        .setParameter("c", cadence.name())
                        .setParameter("p", period)
                        .setParameter("now", Timestamp.from(now))
                        .setParameter("until", Timestamp.from(until))
                        .executeUpdate()
                == 1;
    }

    /** The claimed period went out (or was given up on, with {@code error}). */
    public void done(
            String brandId, DigestCadence cadence, LocalDate period, Instant now, String error) {
        em.createNativeQuery(
                        "UPDATE digest_subscription SET last_sent_period = :p, last_sent_at = CASE"
                                + " WHEN :sent THEN :now ELSE last_sent_at END, sending_until ="
                                + " NULL, last_error = :error WHERE brand_id = :b AND cadence = :c"
                                + " AND sending_period = :p")
                .unwrap(NativeQuery.class)
                .setParameter("b", brandId)
                .setParameter("c", cadence.name())
                .setParameter("p", period)
                .setParameter("sent", error == null)
                .setParameter("now", Timestamp.from(now))
                .setParameter("error", error, String.class)
                .executeUpdate();
    }

    /** The send failed for now: the lease ends, so the next tick (any instance) tries again. */
    public void release(String brandId, DigestCadence cadence, LocalDate period, String error) {
        em.createNativeQuery(
                        "UPDATE digest_subscription SET sending_until = NULL, last_error = :error"
                                + " WHERE brand_id = :b AND cadence = :c AND sending_period = :p")
                .unwrap(NativeQuery.class)
                .setParameter("b", brandId)
                .setParameter("c", cadence.name())
                .setParameter("p", period)
                .setParameter("error", error, String.class)
                .executeUpdate();
    }

    private List<DigestSubscription> rows(String sql, String brandId, DigestCadence cadence) {
        var query = em.createNativeQuery(sql);
        if (brandId != null) {
            query.setParameter("b", brandId);
        }
        if (cadence != null) {
            query.setParameter("c", cadence.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(this::map).toList();
    }

    private DigestSubscription map(Object[] r) {
        return new DigestSubscription(
                (String) r[0],
                DigestCadence.valueOf((String) r[1]),
                r[2] == null ? null : DayOfWeek.of(((Number) r[2]).intValue()),
                localTime(r[3]),
                recipients((String) r[4]),
                (Boolean) r[5],
                (Boolean) r[6],
                instant(r[7]),
                instant(r[8]),
                localDate(r[9]),
                instant(r[10]),
                ((Number) r[11]).intValue(),
                (String) r[12]);
    }

    private static LocalTime localTime(Object value) {
        if (value instanceof LocalTime t) {
            return t;
        }
        return ((Time) value).toLocalTime();
    }

    private static LocalDate localDate(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static Short day(DigestSettings settings) {
        return settings.dayOfWeek() == null ? null : (short) settings.dayOfWeek().getValue();
    }

    private String json(List<String> recipients) {
        try {
            return mapper.writeValueAsString(recipients);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write recipients", e);
        }
    }

    private List<String> recipients(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored recipients", e);
        }
    }
}
