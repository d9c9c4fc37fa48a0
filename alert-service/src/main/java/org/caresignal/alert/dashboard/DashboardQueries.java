package org.caresignal.alert.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.alert.dashboard.DashboardView.AspectRow;
import org.caresignal.alert.dashboard.DashboardView.AuditRow;
import org.caresignal.alert.dashboard.DashboardView.Choice;
import org.caresignal.alert.dashboard.DashboardView.DeliveryRow;
import org.caresignal.alert.dashboard.DashboardView.DetailPage;
import org.caresignal.alert.dashboard.DashboardView.Filters;
import org.caresignal.alert.dashboard.DashboardView.Form;
import org.caresignal.alert.dashboard.DashboardView.Head;
import org.caresignal.alert.dashboard.DashboardView.HourCell;
import org.caresignal.alert.dashboard.DashboardView.ListPage;
import org.caresignal.alert.dashboard.DashboardView.Row;
import org.caresignal.alert.dashboard.DashboardView.SampleRow;
import org.caresignal.alert.dashboard.DashboardView.Strip;
import org.caresignal.alert.dashboard.DashboardView.Why;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.incident.IncidentStatus;
import org.caresignal.alert.domain.privacy.SampleDisclosure;
import org.caresignal.alert.domain.routing.Route;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.DeliveryRepository;
import org.caresignal.alert.repository.RouteRepository;
import org.caresignal.alert.service.BrandStatsService;
import org.caresignal.alert.service.IncidentService;

/**
 * Reads what the dashboard pages show from the services and repositories the REST API uses
 * (incidents, audit trail, delivery log, channels by name, routes for time zones, bucket counts)
 * and shapes it into {@link DashboardView} records; it changes nothing.
 */
@ApplicationScoped
public class DashboardQueries {

    static final int HOURS = 24;
    static final int STRIP_BRANDS = 12;
    static final int ACTIVE_LIMIT = 200;
    static final int RESOLVED_SHOWN = 25;
    static final int DELIVERIES_SHOWN = 200;
    static final List<Integer> SNOOZE_MINUTES = List.of(15, 60, 240, 480, 1440);

    private final IncidentService incidents;
    private final DeliveryRepository deliveries;
    private final ChannelRepository channels;
    private final RouteRepository routes;
    private final BrandStatsService stats;
    private final BrandBucketCountRepository counts;
    private final IncidentPageParts parts;

    public DashboardQueries(
            IncidentService incidents,
            DeliveryRepository deliveries,
            ChannelRepository channels,
            RouteRepository routes,
            BrandStatsService stats,
            BrandBucketCountRepository counts,
            IncidentPageParts parts) {
        this.incidents = incidents;
        this.deliveries = deliveries;
        this.channels = channels;
        this.routes = routes;
        this.stats = stats;
        this.counts = counts;
        this.parts = parts;
    }

    /**
     * The list page: unresolved incidents (OPEN first, then by severity, newest first), the most
     * recently resolved ones, and the brands' 24-hour strips; {@code error} (a bad filter) shows
     * instead of results.
     */
    @Transactional
    public ListPage list(
            String brand, IncidentStatus status, Severity severity, String error, Instant now) {
        var filters =
                new Filters(
                        brand == null ? "" : brand,
                        status == null ? "" : status.name(),
                        severity == null ? "" : severity.name());
        var statuses = choices(IncidentStatus.values(), filters.status());
        var severities = choices(Severity.values(), filters.severity());
        var nowText = DashboardFormat.time(now, java.time.ZoneOffset.UTC);
        if (error != null) {
            return new ListPage(
                    filters, List.of(), List.of(), List.of(), statuses, severities, nowText, error);
        }
        var enabledRoutes = routes.enabled();
        var active = new ArrayList<Incident>();
        for (var s : List.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED)) {
            if (status == null || status == s) {
                active.addAll(incidents.search(brand, s, severity, ACTIVE_LIMIT));
            }
        }
        active.sort(
                Comparator.comparing((Incident i) -> i.status != IncidentStatus.OPEN)
                        .thenComparing(i -> i.severity, Comparator.reverseOrder())
                        .thenComparing(i -> i.openedAt, Comparator.reverseOrder()));
        var resolved = new ArrayList<Incident>();
        if (status == null || status == IncidentStatus.RESOLVED) {
            resolved.addAll(
                    incidents.search(brand, IncidentStatus.RESOLVED, severity, ACTIVE_LIMIT));
            resolved.sort(
                    Comparator.comparing(
                            (Incident i) -> i.resolvedAt == null ? i.updatedAt : i.resolvedAt,
                            Comparator.reverseOrder()));
        }
        var unresolvedByBrand = new HashMap<String, Integer>();
        active.forEach(i -> unresolvedByBrand.merge(i.brandId, 1, Integer::sum));
        var brands =
                brand != null
                        ? List.of(brand)
                        : counts.brandsSince(DashboardFormat.hourlyFrom(now, HOURS), STRIP_BRANDS);
        var strips = new ArrayList<Strip>();
        for (var b : brands) {
            strips.add(
                    strip(
                            b,
                            DashboardFormat.zoneFor(enabledRoutes, b, null),
                            unresolvedByBrand.getOrDefault(b, 0),
                            now));
        }
        return new ListPage(
                filters,
                active.stream().map(i -> row(i, enabledRoutes, now)).toList(),
                resolved.stream()
                        .limit(RESOLVED_SHOWN)
                        .map(i -> row(i, enabledRoutes, now))
                        .toList(),
                strips,
                statuses,
                severities,
                nowText,
                null);
    }

    /**
     * The incident's page from alert-service's own data with times in {@code zone}, or empty when
     * there is no such incident; {@code disclosure} is what the person may see of the sample
     * mentions (links and excerpts for analysts and responders, ids for the others). Names are the
     * ids and the posts the samples until {@link DetailPage#with} adds what the other services say
     * (outside this transaction).
     */
    @Transactional
    public Optional<DetailPage> detail(
            UUID id,
            ZoneId zone,
            Form form,
            String notice,
            String error,
            Instant now,
            SampleDisclosure disclosure) {
        try {
            return Optional.of(
                    detail(incidents.get(id), zone, form, notice, error, now, disclosure));
        } catch (IncidentService.NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The incident's brand and facility and the zone its routes' quiet hours are in (what the page
     * shows times in when ingest-service does not name the brand's zone), or empty when there is no
     * such incident.
     */
    @Transactional
    public Optional<IncidentPageView.Series> series(UUID id) {
        try {
            var incident = incidents.get(id);
            return Optional.of(
                    new IncidentPageView.Series(
                            incident.brandId,
                            incident.facilityId,
                            DashboardFormat.zoneFor(
                                    routes.enabled(), incident.brandId, incident.facilityId)));
        } catch (IncidentService.NotFoundException e) {
            return Optional.empty();
        }
    }

    private DetailPage detail(
            Incident incident,
            ZoneId zone,
            Form form,
            String notice,
            String error,
            Instant now,
            SampleDisclosure disclosure) {
        var id = incident.id;
        var stored = incidents.explanationOf(incident);
        var explanation = disclosure.apply(stored);
        var audit =
                incidents.trail(id).stream()
                        .map(
                                a ->
                                        new AuditRow(
                                                DashboardFormat.time(a.at, zone),
                                                a.actor,
                                                a.action,
                                                a.fromStatus == null ? "" : a.fromStatus.name(),
                                                a.toStatus.name(),
                                                a.detail))
                        .toList();
        var byId = new HashMap<UUID, ChannelRepository.Channel>();
        channels.all().forEach(c -> byId.put(c.id(), c));
        var log = new ArrayList<>(deliveries.search(id, null, null, DELIVERIES_SHOWN));
        java.util.Collections.reverse(log);
        var rows = log.stream().map(d -> delivery(d, byId, zone)).toList();
        boolean resolved = incident.status == IncidentStatus.RESOLVED;
        var minutes = form.minutes().isEmpty() ? "60" : form.minutes();
        var snooze =
                SNOOZE_MINUTES.stream()
                        .map(
                                m ->
                                        new Choice(
                                                Integer.toString(m),
                                                m < 60 ? m + " minutes" : (m / 60) + " h",
                                                minutes.equals(Integer.toString(m))))
                        .toList();
        var window = stored.window();
        return new DetailPage(
                head(incident, zone, now),
                why(explanation, zone),
                audit,
                rows,
                incident.status == IncidentStatus.OPEN,
                !resolved,
                !resolved,
                snooze,
                form,
                notice,
                error,
                new IncidentPageView.Names(
                        incident.brandId, incident.facilityId == null ? "" : incident.facilityId),
                parts.chart(incident, stored, zone, now),
                parts.related(incident, zone),
                samplePosts(explanation, disclosure),
                new IncidentPageView.Lookup(
                        incident.brandId,
                        incident.facilityId,
                        window == null ? incident.openedAt : window.start(),
                        window == null ? incident.openedAt : window.end(),
                        stored.samples().stream().map(Explanation.Sample::mentionId).toList()));
    }

    /**
     * The posts as alert-service knows them (the explanation's samples: id, link and excerpt as far
     * as {@code disclosure} allows), shown when sentiment-service cannot be asked.
     */
    private static IncidentPageView.Posts samplePosts(
            Explanation explanation, SampleDisclosure disclosure) {
        var counts = explanation.counts();
        return new IncidentPageView.Posts(
                disclosure.excerpts(),
                null,
                counts == null ? 0 : counts.negative(),
                explanation.samples().stream()
                        .map(
                                s ->
                                        new IncidentPageView.Post(
                                                s.mentionId(),
                                                "",
                                                null,
                                                "",
                                                "",
                                                List.of(),
                                                s.excerpt() == null ? "" : s.excerpt(),
                                                DashboardFormat.safeLink(s.url()),
                                                s.url() == null ? "" : s.url(),
                                                0,
                                                ""))
                        .toList());
    }

    private Strip strip(String brand, ZoneId zone, int unresolved, Instant now) {
        var from = DashboardFormat.hourlyFrom(now, HOURS);
        var hours =
                DashboardFormat.hourly(
                        stats.buckets(brand, new StatsWindow(from, now)),
                        stats.uncertainPolicy(brand),
                        now,
                        HOURS);
        long total = hours.stream().mapToLong(DashboardFormat.Hour::total).sum();
        long negative = hours.stream().mapToLong(DashboardFormat.Hour::negative).sum();
        long assessed = hours.stream().mapToLong(DashboardFormat.Hour::assessed).sum();
        long peak = hours.stream().mapToLong(DashboardFormat.Hour::total).max().orElse(0);
        var cells =
                hours.stream()
                        .map(
                                h ->
                                        new HourCell(
                                                DashboardFormat.hourLabel(h.start(), zone),
                                                h.total(),
                                                h.negative(),
                                                h.negativePercent()))
                        .toList();
        return new Strip(
                brand,
                DashboardFormat.zoneName(zone),
                total,
                negative,
                assessed == 0 ? 0 : Math.round(100.0 * negative / assessed),
                peak,
                DashboardFormat.sparkline(
                        hours.stream().map(DashboardFormat.Hour::total).toList(), peak, 240, 36),
                DashboardFormat.sparkline(
                        hours.stream().map(DashboardFormat.Hour::negative).toList(), peak, 240, 36),
                unresolved,
                cells,
                brand);
    }

    private Row row(Incident i, List<Route> enabledRoutes, Instant now) {
        var zone = DashboardFormat.zoneFor(enabledRoutes, i.brandId, i.facilityId);
        return new Row(
                i.id.toString(),
                i.severity.name(),
                i.brandId,
                i.facilityId == null ? "" : i.facilityId,
                i.kind.name(),
                i.subject == null ? "" : i.subject,
                i.status.name(),
                DashboardFormat.time(i.openedAt, zone),
                DashboardFormat.age(i.openedAt, now),
                i.snoozed(now) ? DashboardFormat.time(i.snoozedUntil, zone) : null,
                DashboardFormat.time(i.resolvedAt, zone),
                i.resolvedBy == null ? "" : i.resolvedBy,
                incidents.explanationOf(i).summary(),
                i.brandId,
                i.facilityId == null ? "" : i.facilityId);
    }

    private Head head(Incident i, ZoneId zone, Instant now) {
        return new Head(
                i.id.toString(),
                i.brandId,
                i.facilityId == null ? "" : i.facilityId,
                i.kind.name(),
                i.subject == null ? "" : i.subject,
                i.severity.name(),
                i.status.name(),
                DashboardFormat.time(i.openedAt, zone),
                DashboardFormat.age(i.openedAt, now),
                DashboardFormat.time(i.updatedAt, zone),
                i.acknowledgedBy == null ? "" : i.acknowledgedBy,
                DashboardFormat.time(i.acknowledgedAt, zone),
                i.resolvedBy == null ? "" : i.resolvedBy,
                DashboardFormat.time(i.resolvedAt, zone),
                DashboardFormat.time(i.snoozedUntil, zone),
                i.snoozed(now),
                i.updates,
                i.escalationStep,
                DashboardFormat.zoneName(zone),
                "/api/incidents/" + i.id);
    }

    private static Why why(Explanation e, ZoneId zone) {
        var window = e.window();
        var count = e.counts() == null ? new Explanation.Counts(0, 0) : e.counts();
        var baseline = e.baseline();
        var threshold = e.threshold();
        return new Why(
                e.summary() == null ? "" : e.summary(),
                e.triggers(),
                window == null ? null : DashboardFormat.time(window.start(), zone),
                window == null ? null : DashboardFormat.time(window.end(), zone),
                count.total(),
                count.negative(),
                baseline == null ? "" : baseline.measure(),
                baseline == null ? "" : number(baseline.observed()),
                baseline == null ? "" : number(baseline.expected()),
                e.pValue() == null ? "" : scientific(e.pValue()),
                e.effectSize() == null ? "" : number(e.effectSize()) + "×",
                threshold == null ? "" : scientific(threshold.pValue()),
                threshold == null ? 0 : threshold.minNegative(),
                threshold == null ? 0 : threshold.minTotal(),
                threshold == null ? "" : number(threshold.minEffect()) + "×",
                e.aspects().stream()
                        .map(
                                a ->
                                        new AspectRow(
                                                a.aspect(),
                                                a.negative(),
                                                DashboardFormat.percent(a.share())))
                        .toList(),
                e.samples().stream()
                        .map(
                                s ->
                                        new SampleRow(
                                                s.mentionId(),
                                                DashboardFormat.safeLink(s.url()),
                                                s.url() == null ? "" : s.url(),
                                                s.excerpt() == null ? "" : s.excerpt()))
                        .toList());
    }

    private static DeliveryRow delivery(
            DeliveryRepository.Delivery d, Map<UUID, ChannelRepository.Channel> byId, ZoneId zone) {
        var channel = byId.get(d.channelId());
        var heldZone = d.heldZone() == null ? zone : ZoneId.of(d.heldZone());
        return new DeliveryRow(
                channel == null ? "removed channel " + d.channelId() : channel.name(),
                channel == null ? "" : channel.type().name(),
                d.change(),
                d.status(),
                d.attempts(),
                d.lastError() == null ? "" : d.lastError(),
                DashboardFormat.time(d.createdAt(), zone),
                DeliveryRepository.PENDING.equals(d.status())
                        ? DashboardFormat.time(d.nextAttemptAt(), zone)
                        : null,
                DashboardFormat.time(d.deliveredAt(), zone),
                DashboardFormat.time(d.heldUntil(), heldZone),
                d.heldZone() == null ? "" : d.heldZone());
    }

    private static <E extends Enum<E>> List<Choice> choices(E[] values, String selected) {
        var out = new ArrayList<Choice>();
        out.add(new Choice("", "any", selected.isEmpty()));
        for (var v : values) {
            out.add(
                    new Choice(
                            v.name(),
                            v.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            v.name().equals(selected)));
        }
        return out;
    }

    private static String number(double v) {
        // %.2f always has a decimal point, so only fraction zeros are trimmed (10.00 -> 10).
        return String.format(Locale.ROOT, "%.2f", v)
                .replaceFirst("0+$", "")
                .replaceFirst("\\.$", "");
    }

    private static String scientific(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.2g", v);
    }
}
