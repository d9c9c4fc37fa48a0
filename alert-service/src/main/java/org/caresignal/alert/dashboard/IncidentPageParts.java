package org.caresignal.alert.dashboard;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.dashboard.IncidentPageView.Chart;
import org.caresignal.alert.dashboard.IncidentPageView.ChartRow;
import org.caresignal.alert.dashboard.IncidentPageView.RelatedRow;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.IncidentRepository;
import org.caresignal.alert.service.IncidentService;
import org.caresignal.alert.service.RuleService;

/**
 * The incident page's parts from alert-service's own data (read inside {@link
 * DashboardQueries#detail}'s transaction): the chart of the window against its baseline from the
 * bucket counts, and the related incidents of the same brand and facility.
 */
@ApplicationScoped
public class IncidentPageParts {

    /** How far back related incidents reach, from the incident's opening. */
    static final Duration RELATED_SPAN = Duration.ofDays(30);

    static final int RELATED_SHOWN = 20;

    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 160;

    private final IncidentRepository incidents;
    private final IncidentService service;
    private final BrandBucketCountRepository counts;
    private final AlertConfig config;
    private final RuleService rules;

    public IncidentPageParts(
            IncidentRepository incidents,
            IncidentService service,
            BrandBucketCountRepository counts,
            AlertConfig config,
            RuleService rules) {
        this.rules = rules;
        this.incidents = incidents;
        this.service = service;
        this.counts = counts;
        this.config = config;
    }

    /**
     * Incidents of the same brand and facility (brand-wide ones for a brand-wide incident) opened
     * from 30 days before this one until now, newest first, this one left out.
     */
    public List<RelatedRow> related(Incident incident, ZoneId zone) {
        var p =
                Parameters.with("brand", incident.brandId)
                        .and("since", incident.openedAt.minus(RELATED_SPAN))
                        .and("self", incident.id);
        var facility = "facilityId is null";
        if (incident.facilityId != null) {
            facility = "facilityId = :facility";
            p = p.and("facility", incident.facilityId);
        }
        return incidents
                .find(
                        "brandId = :brand and "
                                + facility
                                + " and openedAt >= :since and id <> :self",
                        Sort.descending("openedAt"),
                        p)
                .page(0, RELATED_SHOWN)
                .list()
                .stream()
                .map(
                        i ->
                                new RelatedRow(
                                        i.id.toString(),
                                        i.severity.name(),
                                        i.kind.name(),
                                        i.status.name(),
                                        DashboardFormat.time(i.openedAt, zone),
                                        service.explanationOf(i).summary()))
                .toList();
    }

    /** The window's buckets and their context against the explanation's baseline. */
    public Chart chart(Incident incident, Explanation explanation, ZoneId zone, Instant now) {
        var bucket = config.bucketSize();
        var window =
                explanation.window() != null
                        ? explanation.window()
                        : new Explanation.Window(incident.openedAt, incident.openedAt.plus(bucket));
        var range = WindowChart.range(window, bucket, now);
        var buckets =
                counts.seriesBuckets(
                        incident.brandId,
                        incident.facilityId,
                        range.from(),
                        range.to().minusNanos(1),
                        rules.uncertainPolicyFor(incident.brandId));
        var baseline = explanation.baseline();
        var points = WindowChart.points(buckets, range, window, baseline, bucket);
        var measure = baseline == null ? "negative-count" : baseline.measure();
        double max = 0;
        for (var pt : points) {
            max = Math.max(max, pt.value());
            if (pt.expected() != null) {
                max = Math.max(max, pt.expected());
            }
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).inWindow()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        double step = points.size() <= 1 ? 0 : (double) CHART_WIDTH / (points.size() - 1);
        int windowX = first < 0 ? 0 : (int) Math.round(first * step);
        int windowWidth = first < 0 ? 0 : Math.max(2, (int) Math.round((last - first) * step));
        var rows =
                points.stream()
                        .map(
                                pt ->
                                        new ChartRow(
                                                DashboardFormat.time(pt.start(), zone),
                                                pt.total(),
                                                pt.negative(),
                                                pt.inWindow(),
                                                WindowChart.format(pt.value()),
                                                pt.expected() == null
                                                        ? ""
                                                        : WindowChart.format(pt.expected())))
                        .toList();
        return new Chart(
                measure,
                WindowChart.measureLabel(measure),
                Long.toString(bucket.toMinutes()),
                DashboardFormat.zoneName(zone),
                rows,
                CHART_WIDTH,
                CHART_HEIGHT,
                WindowChart.path(
                        points.stream().map(WindowChart.Point::value).toList(),
                        max,
                        CHART_WIDTH,
                        CHART_HEIGHT),
                WindowChart.path(
                        points.stream().map(WindowChart.Point::expected).toList(),
                        max,
                        CHART_WIDTH,
                        CHART_HEIGHT),
                windowX,
                windowWidth,
                WindowChart.format(max),
                points.stream()
                        .map(pt -> Long.toString(pt.start().getEpochSecond()))
                        .collect(Collectors.joining(",")),
                points.stream()
                        .map(pt -> WindowChart.format(pt.value()))
                        .collect(Collectors.joining(",")),
                points.stream()
                        .map(pt -> pt.expected() == null ? "" : WindowChart.format(pt.expected()))
                        .collect(Collectors.joining(",")),
                window.start().getEpochSecond(),
                window.end().getEpochSecond());
    }
}
