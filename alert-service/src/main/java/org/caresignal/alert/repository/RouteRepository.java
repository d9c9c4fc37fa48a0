package org.caresignal.alert.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.domain.routing.EscalationStep;
import org.caresignal.alert.domain.routing.QuietHours;
import org.caresignal.alert.domain.routing.Route;

/** Routing rules ({@code alert_route}); quiet hours and escalation steps are stored as JSON. */
@ApplicationScoped
public class RouteRepository {

    /** A stored route with its timestamps. */
    public record StoredRoute(Route route, Instant createdAt, Instant updatedAt) {}

    /** The JSON form of quiet hours (also the API's). */
    public record QuietHoursJson(
            List<DayOfWeek> days, String start, String end, String zone, Severity override) {

        public static QuietHoursJson of(QuietHours q) {
            return q == null
                    ? null
                    : new QuietHoursJson(
                            q.days().stream().sorted().toList(),
                            q.start().toString(),
                            q.end().toString(),
                            q.zone().getId(),
                            q.override());
        }

        public QuietHours toDomain() {
            return new QuietHours(
                    EnumSet.copyOf(days),
                    LocalTime.parse(start),
                    LocalTime.parse(end),
                    ZoneId.of(zone),
                    override);
        }
    }

    /** The JSON form of an escalation step (also the API's): {@code after} is ISO-8601. */
    public record StepJson(String after, List<UUID> channelIds) {

        public static StepJson of(EscalationStep s) {
            return new StepJson(s.after().toString(), s.channelIds());
        }

        public EscalationStep toDomain() {
            return new EscalationStep(Duration.parse(after), channelIds);
        }
    }

    private static final String COLUMNS =
            "SELECT id, name, position, enabled, brand_id, facility_id, kinds, min_severity,"
                    + " channel_ids, continue_matching, quiet_hours, escalation, created_at,"
                    + " updated_at FROM alert_route";

    private final EntityManager em;
    private final ObjectMapper mapper;

    public RouteRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    public void insert(Route r, Instant at) {
        bind(
                        em.createNativeQuery(
                                "INSERT INTO alert_route (id, name, position, enabled, brand_id,"
                                        + " facility_id, kinds, min_severity, channel_ids,"
                                        + " continue_matching, quiet_hours, escalation,"
                                        + " created_at, updated_at) VALUES (:id, :name,"
                                        + " :position, :enabled, CAST(:brand AS varchar),"
                                        + " CAST(:facility AS varchar), :kinds, CAST(:severity AS"
                                        + " varchar), :channels, :cont, CAST(:quiet AS text),"
                                        + " :escalation,"
                                        + " :at, :at)"),
                        r,
                        at)
                .executeUpdate();
    }

    public boolean update(Route r, Instant at) {
        return bind(
                                em.createNativeQuery(
                                        "UPDATE alert_route SET name = :name, position ="
                                                + " :position, enabled = :enabled, brand_id ="
                                                + " CAST(:brand AS varchar), facility_id ="
                                                + " CAST(:facility AS varchar), kinds = :kinds,"
                                                + " min_severity = CAST(:severity AS varchar),"
                                                + " channel_ids = :channels, continue_matching ="
                                                + " :cont, quiet_hours = CAST(:quiet AS text), escalation ="
                                                + " :escalation, updated_at = :at WHERE id ="
                                                + " :id"),
                                r,
                                at)
                        .executeUpdate()
                > 0;
    }

    public boolean delete(UUID id) {
        return em.createNativeQuery("DELETE FROM alert_route WHERE id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0;
    }

    public Optional<StoredRoute> find(UUID id) {
        return rows(em.createNativeQuery(COLUMNS + " WHERE id = :id").setParameter("id", id))
                .stream()
                .findFirst();
    }

    /** Every route, in matching order. */
    public List<StoredRoute> all() {
        return rows(em.createNativeQuery(COLUMNS + " ORDER BY position, id"));
    }

    /** The enabled routes, in matching order. */
    public List<Route> enabled() {
        return rows(em.createNativeQuery(COLUMNS + " WHERE enabled ORDER BY position, id")).stream()
                .map(StoredRoute::route)
                .toList();
    }

    private jakarta.persistence.Query bind(jakarta.persistence.Query q, Route r, Instant at) {
        return q.setParameter("id", r.id())
                .setParameter("name", r.name())
                .setParameter("position", r.position())
                .setParameter("enabled", r.enabled())
                .setParameter("brand", r.brandId())
                .setParameter("facility", r.facilityId())
                .setParameter(
                        "kinds",
                        r.kinds().stream()
                                .map(Enum::name)
                                .sorted()
                                .collect(Collectors.joining(",")))
                .setParameter("severity", r.minSeverity() == null ? null : r.minSeverity().name())
                .setParameter("channels", write(r.channelIds()))
                .setParameter("cont", r.continueMatching())
                .setParameter(
                        "quiet",
                        r.quietHours() == null ? null : write(QuietHoursJson.of(r.quietHours())))
                .setParameter(
                        "escalation", write(r.escalation().stream().map(StepJson::of).toList()))
                .setParameter("at", Timestamp.from(at));
    }

    @SuppressWarnings("unchecked")
    private List<StoredRoute> rows(jakarta.persistence.Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(this::row).toList();
    }

    private StoredRoute row(Object[] r) {
        var kinds = (String) r[6];
        var quiet = (String) r[10];
        var route =
                new Route(
                        (UUID) r[0],
                        (String) r[1],
                        ((Number) r[2]).intValue(),
                        (Boolean) r[3],
                        (String) r[4],
                        (String) r[5],
                        kinds.isEmpty()
                                ? java.util.Set.of()
                                : Arrays.stream(kinds.split(","))
                                        .map(IncidentKind::valueOf)
                                        .collect(Collectors.toSet()),
                        r[7] == null ? null : Severity.valueOf((String) r[7]),
                        read((String) r[8], new TypeReference<List<UUID>>() {}),
                        (Boolean) r[9],
                        quiet == null
                                ? null
                                : read(quiet, new TypeReference<QuietHoursJson>() {}).toDomain(),
                        read((String) r[11], new TypeReference<List<StepJson>>() {}).stream()
                                .map(StepJson::toDomain)
                                .toList());
        return new StoredRoute(
                route, ChannelRepository.instant(r[12]), ChannelRepository.instant(r[13]));
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a route", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored route", e);
        }
    }
}
