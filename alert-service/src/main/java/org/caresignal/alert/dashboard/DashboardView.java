package org.caresignal.alert.dashboard;

import java.util.List;
import java.util.Map;
import org.caresignal.alert.client.Brand;
import org.caresignal.alert.dashboard.DashboardFormat.Time;

/** What the dashboard templates show: plain values, already formatted in the right time zone. */
public final class DashboardView {

    private DashboardView() {}

    /** An option of a select: its value, what a person reads, and whether it is chosen. */
    public record Choice(String value, String label, boolean selected) {}

    /** The list's filters as the person set them (blank: any). */
    public record Filters(String brand, String status, String severity) {

        public boolean any() {
            return !brand.isEmpty() || !status.isEmpty() || !severity.isEmpty();
        }
    }

    /** One incident in the list. */
    public record Row(
            String id,
            String severity,
            String brandId,
            String facility,
            String kind,
            String subject,
            String status,
            Time opened,
            String age,
            Time snoozedUntil,
            Time resolved,
            String resolvedBy,
            String summary,
            String brandName,
            String facilityName) {

        /** This row with the brand's and facility's names (the ids when ingest did not say). */
        Row named(Map<String, Brand> brands) {
            var brand = brands.get(brandId);
            if (brand == null) {
                return this;
            }
            return new Row(
                    id,
                    severity,
                    brandId,
                    facility,
                    kind,
                    subject,
                    status,
                    opened,
                    age,
                    snoozedUntil,
                    resolved,
                    resolvedBy,
                    summary,
                    brand.displayName(),
                    facility.isEmpty() ? "" : brand.facilityName(facility));
        }
    }

    /** One hour of a brand's strip. */
    public record HourCell(String label, long total, long negative, long negativePercent) {}

    /** A brand's last 24 hours from the service's own bucket counts. */
    public record Strip(
            String brandId,
            String zone,
            long total,
            long negative,
            long negativePercent,
            long peakTotal,
            String totalPoints,
            String negativePoints,
            int unresolved,
            List<HourCell> hours,
            String brandName) {

        Strip named(Map<String, Brand> brands) {
            var brand = brands.get(brandId);
            return brand == null
                    ? this
                    : new Strip(
                            brandId,
                            zone,
                            total,
                            negative,
                            negativePercent,
                            peakTotal,
                            totalPoints,
                            negativePoints,
                            unresolved,
                            hours,
                            brand.displayName());
        }
    }

    /** The list page. */
    public record ListPage(
            Filters filters,
            List<Row> active,
            List<Row> resolved,
            List<Strip> strips,
            List<Choice> statuses,
            List<Choice> severities,
            Time now,
            String error) {

        /**
         * The page with names instead of slugs, from ingest-service's brands (keyed by id); a brand
         * ingest did not return keeps its id.
         */
        public ListPage named(Map<String, Brand> brands) {
            return new ListPage(
                    filters,
                    active.stream().map(r -> r.named(brands)).toList(),
                    resolved.stream().map(r -> r.named(brands)).toList(),
                    strips.stream().map(s -> s.named(brands)).toList(),
                    statuses,
                    severities,
                    now,
                    error);
        }
    }

    /** The incident's own fields. */
    public record Head(
            String id,
            String brandId,
            String facility,
            String kind,
            String subject,
            String severity,
            String status,
            Time opened,
            String age,
            Time updated,
            String acknowledgedBy,
            Time acknowledgedAt,
            String resolvedBy,
            Time resolvedAt,
            Time snoozedUntil,
            boolean snoozed,
            int updates,
            int escalationStep,
            String zone,
            String apiUrl) {}

    /** An aspect driving the incident. */
    public record AspectRow(String aspect, long negative, long percent) {}

    /**
     * A sample mention: its id and, for analysts and responders, where to read it (when it is a
     * safe http(s) link) and its excerpt (empty when none or not shown).
     */
    public record SampleRow(String mentionId, String url, String rawUrl, String excerpt) {}

    /** Why the incident fired, from its stored explanation. */
    public record Why(
            String summary,
            List<String> triggers,
            Time windowStart,
            Time windowEnd,
            long total,
            long negative,
            String measure,
            String observed,
            String expected,
            String pValue,
            String effectSize,
            String thresholdPValue,
            long minNegative,
            long minTotal,
            String minEffect,
            List<AspectRow> aspects,
            List<SampleRow> samples) {}

    /** One audited change. */
    public record AuditRow(
            Time at,
            String actor,
            String action,
            String fromStatus,
            String toStatus,
            String detail) {}

    /** One delivery of the incident to a channel (never its secrets or payload). */
    public record DeliveryRow(
            String channel,
            String channelType,
            String change,
            String status,
            int attempts,
            String lastError,
            Time createdAt,
            Time nextAttemptAt,
            Time deliveredAt,
            Time heldUntil,
            String heldZone) {}

    /** What the person typed, kept when an action fails. */
    public record Form(String note, String minutes) {}

    /**
     * The incident page; {@code names} and {@code posts} come from ingest- and sentiment-service
     * (see {@link #with}), the rest from alert-service's own data.
     */
    public record DetailPage(
            Head incident,
            Why why,
            List<AuditRow> audit,
            List<DeliveryRow> deliveries,
            boolean canAcknowledge,
            boolean canResolve,
            boolean canSnooze,
            List<Choice> snoozeChoices,
            Form form,
            String notice,
            String error,
            IncidentPageView.Names names,
            IncidentPageView.Chart chart,
            List<IncidentPageView.RelatedRow> related,
            IncidentPageView.Posts posts,
            IncidentPageView.Lookup lookup) {

        /** This page with the names and posts read from the other services. */
        public DetailPage with(IncidentPageView.Names names, IncidentPageView.Posts posts) {
            return new DetailPage(
                    incident,
                    why,
                    audit,
                    deliveries,
                    canAcknowledge,
                    canResolve,
                    canSnooze,
                    snoozeChoices,
                    form,
                    notice,
                    error,
                    names,
                    chart,
                    related,
                    posts,
                    lookup);
        }
    }
}
