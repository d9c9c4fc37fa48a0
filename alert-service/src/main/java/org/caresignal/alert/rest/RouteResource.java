package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.domain.routing.EscalationStep;
import org.caresignal.alert.domain.routing.QuietHours;
import org.caresignal.alert.domain.routing.Route;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.RouteRepository;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AuditLog;
import org.caresignal.alert.service.HeldDeliveries;

/**
 * CRUD of routing rules (admin): which incidents go to which channels, quiet hours, escalation;
 * every change is audited.
 */
@Path("/api/routes")
public class RouteResource {

    private static final int DEFAULT_POSITION = 100;

    private final RouteRepository routes;
    private final ChannelRepository channels;
    private final HeldDeliveries held;
    private final AuditLog audit;
    private final CurrentActor actor;

    public RouteResource(
            RouteRepository routes,
            ChannelRepository channels,
            HeldDeliveries held,
            AuditLog audit,
            CurrentActor actor) {
        this.routes = routes;
        this.channels = channels;
        this.held = held;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public List<RouteResponse> list() {
        return routes.all().stream().map(RouteResponse::from).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public RouteResponse get(@PathParam("id") UUID id) {
        return RouteResponse.from(routes.find(id).orElseThrow(NotFoundException::new));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response create(RouteRequest body) {
        var route = validate(UUID.randomUUID(), body);
        routes.insert(route, Instant.now());
        audit.change(actor.get(), "route.create", route.id().toString(), describe(route));
        return Response.created(URI.create("/api/routes/" + route.id()))
                .entity(RouteResponse.from(routes.find(route.id()).orElseThrow()))
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public RouteResponse replace(@PathParam("id") UUID id, RouteRequest body) {
        if (routes.find(id).isEmpty()) {
            throw new NotFoundException();
        }
        var route = validate(id, body);
        var now = Instant.now();
        routes.update(route, now);
        held.routeChanged(route, now);
        audit.change(actor.get(), "route.update", id.toString(), describe(route));
        return RouteResponse.from(routes.find(id).orElseThrow());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response delete(@PathParam("id") UUID id) {
        if (!routes.delete(id)) {
            throw new NotFoundException();
        }
        audit.change(actor.get(), "route.delete", id.toString(), null);
        return Response.noContent().build();
    }

    private static String describe(Route route) {
        return "\""
                + route.name()
                + "\" to "
                + route.channelIds().size()
                + " channel(s)"
                + (route.enabled() ? "" : ", disabled");
    }

    private Route validate(UUID id, RouteRequest body) {
        if (body == null) {
            throw new InvalidWindowException("body", "must not be empty");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw new InvalidWindowException("name", "must be 1 to 200 characters");
        }
        var brand = blankToNull(body.brandId());
        if (brand != null && !BrandIds.isValid(brand)) {
            throw new InvalidWindowException("brandId", "must be a slug like riverside-health");
        }
        var facility = blankToNull(body.facilityId());
        if (facility != null && (facility.length() > 64 || facility.isBlank())) {
            throw new InvalidWindowException("facilityId", "must be at most 64 characters");
        }
        var kinds = EnumSet.noneOf(IncidentKind.class);
        if (body.kinds() != null) {
            for (var kind : body.kinds()) {
                kinds.add(enumOf(IncidentKind.class, "kinds", kind));
            }
        }
        var severity =
                blankToNull(body.minSeverity()) == null
                        ? null
                        : enumOf(Severity.class, "minSeverity", body.minSeverity());
        var targets = channelIds("channelIds", body.channelIds());
        return new Route(
                id,
                body.name().strip(),
                body.position() == null ? DEFAULT_POSITION : body.position(),
                body.enabled() == null || body.enabled(),
                brand,
                facility,
                kinds,
                severity,
                targets,
                Boolean.TRUE.equals(body.continueMatching()),
                quietHours(body.quietHours()),
                escalation(body.escalation()));
    }

    private List<UUID> channelIds(String field, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidWindowException(field, "must name at least one channel");
        }
        var result = new LinkedHashSet<UUID>();
        for (var value : ids) {
            UUID channel;
            try {
                channel = UUID.fromString(value == null ? "" : value.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidWindowException(field, "not a channel id: " + value);
            }
            if (channels.find(channel).isEmpty()) {
                throw new InvalidWindowException(field, "unknown channel " + channel);
            }
            result.add(channel);
        }
        return List.copyOf(result);
    }

    private static QuietHours quietHours(RouteRequest.QuietHoursRequest q) {
        if (q == null) {
            return null;
        }
        if (q.days() == null || q.days().isEmpty()) {
            throw new InvalidWindowException("quietHours.days", "must name at least one day");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (var day : q.days()) {
            days.add(day(day));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(q.zone() == null ? "" : q.zone().trim());
        } catch (DateTimeException e) {
            throw new InvalidWindowException(
                    "quietHours.zone", "must be an IANA time zone such as Europe/Berlin");
        }
        var override =
                blankToNull(q.override()) == null
                        ? Severity.CRITICAL
                        : enumOf(Severity.class, "quietHours.override", q.override());
        return new QuietHours(
                days,
                time("quietHours.start", q.start()),
                time("quietHours.end", q.end()),
                zone,
                override);
    }

    private List<EscalationStep> escalation(List<RouteRequest.StepRequest> steps) {
        if (steps == null) {
            return List.of();
        }
        var result = new ArrayList<EscalationStep>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var field = "escalation[" + i + "]";
            if (step == null) {
                throw new InvalidWindowException(field, "must not be null");
            }
            Duration after;
            try {
                after = Duration.parse(step.after() == null ? "" : step.after().trim());
            } catch (DateTimeParseException e) {
                throw new InvalidWindowException(
                        field + ".after", "must be an ISO-8601 duration such as PT15M");
            }
            if (after.compareTo(previous) <= 0 || after.compareTo(Duration.ofDays(7)) > 0) {
                throw new InvalidWindowException(
                        field + ".after",
                        "must be positive, at most P7D, and after the previous step's");
            }
            previous = after;
            result.add(
                    new EscalationStep(
                            after, channelIds(field + ".channelIds", step.channelIds())));
        }
        return result;
    }

    private static DayOfWeek day(String value) {
        var v = value == null ? "" : value.trim().toUpperCase();
        for (var day : DayOfWeek.values()) {
            if (day.name().equals(v) || (v.length() == 3 && day.name().startsWith(v))) {
                return day;
            }
        }
        throw new InvalidWindowException(
                "quietHours.days", "unknown day " + value + "; use MON..SUN or MONDAY..SUNDAY");
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidWindowException(field, "must be a local time HH:MM");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidWindowException(
                    field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
