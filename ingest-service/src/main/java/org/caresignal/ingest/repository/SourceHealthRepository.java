package org.caresignal.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.domain.SourceHealthState;
import org.hibernate.Session;

/**
 * The {@code source_health} and {@code source_mention_minute} tables (V11): each connector's shared
 * health, written only by the instance holding its lease, and its accepted mentions per minute.
 * Every call runs in the caller's transaction; times are the database's.
 */
@ApplicationScoped
public class SourceHealthRepository {

    /** A stored health: who wrote it and when, the health, and a stream's state as JSON. */
    public record Row(
            String connectorId,
            String owner,
            Instant asOf,
            SourceHealthState state,
            String streamState) {}

    private static final String COLUMNS =
            "connector_id, owner, as_of, config_version, last_poll_at, last_success_at,"
                    + " last_error, last_error_at, consecutive_failures, rate_limited,"
                    + " next_poll_at, rate_limit_limit, rate_limit_remaining, rate_limit_reset_at,"
                    + " stream_state";

    private final EntityManager em;

    public SourceHealthRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Writes the connector's health as {@code owner}'s, if {@code owner} holds the connector's
     * unexpired lease (an instance that lost it cannot overwrite its successor's copy), and drops
     * its mention counts older than two hours; false when not written.
     */
    public boolean save(String connectorId, String owner, SourceHealthState s, String streamState) {
        return work(
                c -> {
                    int n;
                    try (var ps =
                            c.prepareStatement(
                                    "insert into source_health ("
                                            + COLUMNS
                                            + ") select ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                            + " ?, ? where exists (select 1 from connector_lease"
                                            + " where connector_id = ? and owner = ? and"
                                            + " expires_at > now()) on conflict (connector_id) do"
                                            + " update set owner = excluded.owner, as_of ="
                                            + " excluded.as_of, config_version ="
                                            + " excluded.config_version, last_poll_at ="
                                            + " excluded.last_poll_at, last_success_at ="
                                            + " excluded.last_success_at, last_error ="
                                            + " excluded.last_error, last_error_at ="
                                            + " excluded.last_error_at, consecutive_failures ="
                                            + " excluded.consecutive_failures, rate_limited ="
                                            + " excluded.rate_limited, next_poll_at ="
                                            + " excluded.next_poll_at, rate_limit_limit ="
                                            + " excluded.rate_limit_limit, rate_limit_remaining ="
                                            + " excluded.rate_limit_remaining,"
                                            + " rate_limit_reset_at = excluded.rate_limit_reset_at,"
                                            + " stream_state = excluded.stream_state")) {
                        int i = 1;
                        ps.setString(i++, connectorId);
                        ps.setString(i++, owner);
                        time(ps, i++, s.configVersion());
                        time(ps, i++, s.lastPollAt());
                        time(ps, i++, s.lastSuccessAt());
                        ps.setString(i++, s.lastError());
                        time(ps, i++, s.lastErrorAt());
                        ps.setInt(i++, s.consecutiveFailures());
                        ps.setBoolean(i++, s.rateLimited());
                        time(ps, i++, s.nextPollAt());
                        number(ps, i++, s.rateLimit().limit());
                        number(ps, i++, s.rateLimit().remaining());
                        time(ps, i++, s.rateLimit().resetAt());
                        ps.setString(i++, streamState);
                        ps.setString(i++, connectorId);
                        ps.setString(i, owner);
                        n = ps.executeUpdate();
                    }
                    if (n == 1) {
                        try (var ps =
                                c.prepareStatement(
                                        "delete from source_mention_minute where connector_id = ?"
                                                + " and minute < now() - interval '2 hours'")) {
                            ps.setString(1, connectorId);
                            ps.executeUpdate();
                        }
                    }
                    return n == 1;
                });
    }

    /** The connector's stored health, if any. */
    public Optional<Row> find(String connectorId) {
        return work(
                c -> {
                    try (var ps =
                            c.prepareStatement(
                                    "select "
                                            + COLUMNS
                                            + " from source_health where connector_id = ?")) {
                        ps.setString(1, connectorId);
                        try (var rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty();
                        }
                    }
                });
    }

    /** Every stored health, by connector id. */
    public Map<String, Row> all() {
        return work(
                c -> {
                    var out = new LinkedHashMap<String, Row>();
                    try (var ps = c.prepareStatement("select " + COLUMNS + " from source_health");
                            var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            var r = row(rs);
                            out.put(r.connectorId(), r);
                        }
                    }
                    return out;
                });
    }

    /**
     * Adds {@code n} mentions accepted now to the connector's current minute; one statement per
     * page or batch, in the transaction that commits it.
     */
    public void countMentions(String connectorId, long n) {
        if (n <= 0) {
            return;
        }
        work(
                c -> {
                    try (var ps =
                            c.prepareStatement(
                                    "insert into source_mention_minute (connector_id, minute,"
                                            + " mentions) values (?, date_trunc('minute', now()), ?) on"
                                            + " conflict (connector_id, minute) do update set mentions"
                                            + " = source_mention_minute.mentions + excluded.mentions")) {
                        ps.setString(1, connectorId);
                        ps.setLong(2, n);
                        return ps.executeUpdate();
                    }
                });
    }

    /**
     * The connector's mentions per minute over the last hour (the current minute and 59 before).
     */
    public Map<Instant, Long> minutes(String connectorId) {
        return work(
                c -> {
                    var out = new LinkedHashMap<Instant, Long>();
                    try (var ps =
                            c.prepareStatement(
                                    "select minute, mentions from source_mention_minute where"
                                            + " connector_id = ? and minute > date_trunc('minute',"
                                            + " now()) - interval '1 hour'")) {
                        ps.setString(1, connectorId);
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.put(instant(rs, 1), rs.getLong(2));
                            }
                        }
                    }
                    return out;
                });
    }

    /** Mentions in the last hour (the current minute and 59 before) of every connector with any. */
    public Map<String, Long> lastHour() {
        return work(
                c -> {
                    var out = new LinkedHashMap<String, Long>();
                    try (var ps =
                                    c.prepareStatement(
                                            "select connector_id, sum(mentions) from"
                                                    + " source_mention_minute where minute >"
                                                    + " date_trunc('minute', now()) - interval '1 hour'"
                                                    + " group by connector_id");
                            var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                    return out;
                });
    }

    /** The database's time (the start of the current transaction). */
    public Instant now() {
        return work(
                c -> {
                    try (var ps = c.prepareStatement("select now()");
                            var rs = ps.executeQuery()) {
                        rs.next();
                        return instant(rs, 1);
                    }
                });
    }

    private static Row row(ResultSet rs) throws SQLException {
        var limit = rs.getLong(12);
        var limitNull = rs.wasNull();
        var remaining = rs.getLong(13);
        var remainingNull = rs.wasNull();
        var state =
                new SourceHealthState(
                        instant(rs, 5),
                        instant(rs, 6),
                        rs.getString(7),
                        instant(rs, 8),
                        rs.getInt(9),
                        rs.getBoolean(10),
                        instant(rs, 11),
                        new RateLimit(
                                limitNull ? null : limit,
                                remainingNull ? null : remaining,
                                instant(rs, 14)),
                        instant(rs, 4));
        return new Row(rs.getString(1), rs.getString(2), instant(rs, 3), state, rs.getString(15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }

    private static void time(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, v.atOffset(ZoneOffset.UTC));
        }
    }

    private static void number(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** JDBC work on the connection of the caller's transaction. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T work(Work<T> w) {
        return em.unwrap(Session.class).doReturningWork(w::run);
    }
}
