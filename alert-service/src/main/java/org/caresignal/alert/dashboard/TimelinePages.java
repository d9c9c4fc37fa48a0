package org.caresignal.alert.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.Brand;
import org.caresignal.alert.client.IngestClient;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.SentimentHistory;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.dashboard.ConsoleView.BrandChoice;
import org.caresignal.alert.dashboard.ConsoleView.MarkerView;
import org.caresignal.alert.dashboard.ConsoleView.RangeForm;
import org.caresignal.alert.dashboard.ConsoleView.TimelinePage;
import org.caresignal.alert.dashboard.ConsoleView.TimelineRow;
import org.caresignal.alert.dashboard.DashboardView.Choice;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.domain.console.RangeWindow;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.incident.IncidentStatus;
import org.caresignal.alert.service.ExpectedBandService;
import org.caresignal.alert.service.IncidentService;

/**
 * Shapes the timeline page: a brand's (or facility's) volume and sentiment per hour or local day
 * from sentiment-service (filtered by source and aspect), the detector's expected band from this
 * service's own counts, and the incidents opened in the range; each bucket links to the explorer
 * listing its posts.
 */
@ApplicationScoped
public class TimelinePages {

    /** Ranges up to this long are shown per hour, longer ones per local day. */
    static final Duration HOURLY_UP_TO = Duration.ofDays(7).plusHours(1);

    static final int INCIDENT_LIMIT = 500;

    private final SentimentClient sentiment;
    private final IngestClient ingest;
    private final ExpectedBandService band;
    private final IncidentService incidents;

    public TimelinePages(
            SentimentClient sentiment,
            IngestClient ingest,
            ExpectedBandService band,
            IncidentService incidents) {
        this.sentiment = sentiment;
        this.ingest = ingest;
        this.band = band;
        this.incidents = incidents;
    }

    /** The page and its HTTP status. */
    public record Result(int status, TimelinePage page) {}

    /** The filters as the form sent them (blank is none). */
    public record Query(
            String brand,
            String facility,
            String source,
            String aspect,
            String range,
            String from,
            String to) {}

    public Result page(Bearer bearer, Query q, Instant now) {
        var problems = new ArrayList<String>();
        Range range;
        try {
            range = Range.parse(q.range(), q.from(), q.to());
        } catch (IllegalArgumentException e) {
            return new Result(
                    400, empty(q, RangeForm.initial(), List.of(), e.getMessage(), problems));
        }
        List<Brand> brands = List.of();
        try {
            brands = ingest.brands(bearer);
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            problems.add(message(e, "brand names"));
        }
        var brandId = q.brand();
        if (brandId == null && !brands.isEmpty()) {
            brandId = brands.get(0).id();
        }
        if (brandId == null) {
            return new Result(
                    200,
                    empty(
                            q,
                            RangeForm.of(range),
                            choices(brands, null),
                            "Choose a brand.",
                            problems));
        }
        Brand brand;
        try {
            brand = ingest.brand(bearer, brandId);
        } catch (ServiceRefusedException e) {
            if (e.notFound()) {
                return new Result(
                        404,
                        empty(
                                q,
                                RangeForm.of(range),
                                choices(brands, brandId),
                                "There is no brand " + brandId + ".",
                                problems));
            }
            problems.add(message(e, "the brand's names and time zone"));
            brand = new Brand(brandId, brandId, List.of(), "UTC");
        } catch (ServiceUnavailableException e) {
            problems.add(message(e, "the brand's names and time zone (UTC shown)"));
            brand = new Brand(brandId, brandId, List.of(), "UTC");
        }
        var zone = brand.zone();
        var window = RangeWindow.of(range, zone, now);
        boolean hourly = Duration.between(window.from(), window.to()).compareTo(HOURLY_UP_TO) <= 0;
        var facility = q.facility();
        if (facility != null
                && brand.facility(facility).isEmpty()
                && !brand.facilities().isEmpty()) {
            return new Result(
                    400,
                    empty(
                            q,
                            RangeForm.of(range),
                            choices(brands, brandId),
                            "There is no facility " + facility + " of " + brand.displayName() + ".",
                            problems));
        }

        SentimentHistory history = null;
        try {
            history =
                    sentiment.history(
                            bearer,
                            brand.id(),
                            window.from(),
                            window.to(),
                            hourly ? "hour" : "day",
                            zone,
                            facility,
                            q.source(),
                            q.aspect());
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            problems.add(message(e, "volume and sentiment over time"));
        }

        var aspectNames = new TreeSet<String>();
        try {
            sentiment
                    .aspects(bearer, brand.id(), window.from(), window.to(), facility)
                    .aspects()
                    .forEach(a -> aspectNames.add(a.aspect()));
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            // The aspect filter stays usable as free text; the chart does not need the list.
        }
        if (q.aspect() != null) {
            aspectNames.add(q.aspect());
        }
        var sourceKinds = new TreeSet<String>();
        try {
            for (var s : ingest.sources(bearer)) {
                if (s.kind() != null && (s.brandId() == null || s.brandId().equals(brand.id()))) {
                    sourceKinds.add(s.kind());
                }
            }
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            // As above: the source filter takes any name.
        }
        if (q.source() != null) {
            sourceKinds.add(q.source());
        }

        boolean filtered = q.source() != null || q.aspect() != null;
        Map<Instant, Double> expected = Map.of();
        String bandNote;
        if (filtered) {
            bandNote =
                    "The detector's expected band is for all of the brand's (facility's) mentions, so it is not shown with a source or aspect filter.";
        } else if (Duration.between(window.from(), window.to())
                        .compareTo(ExpectedBandService.MAX_RANGE)
                > 0) {
            bandNote = "The detector's expected band is shown for ranges up to 31 days.";
        } else {
            expected = band.expected(brand.id(), facility, window.from(), window.to());
            bandNote =
                    expected.isEmpty()
                            ? "The detector has no counts of this series yet, so there is no expected band."
                            : "Expected: what the spike detector's seasonal baseline expected (from this service's own counts, replayed with the brand's settings); the band is about ± two standard deviations.";
        }

        var markers = markers(brand.id(), facility, window, zone);
        var rows = new ArrayList<TimelineRow>();
        long peak = 0;
        if (history != null) {
            for (var b : history.buckets()) {
                var start = b.start().toInstant();
                var end = b.end().toInstant();
                String exp = "";
                String low = "";
                String high = "";
                boolean above = false;
                if (!expected.isEmpty()) {
                    double sum = 0;
                    for (var e : expected.entrySet()) {
                        if (!e.getKey().isBefore(start) && e.getKey().isBefore(end)) {
                            sum += e.getValue();
                        }
                    }
                    var bounds = ExpectedBandService.band(sum);
                    exp = ConsoleView.oneDecimal(sum);
                    low = ConsoleView.oneDecimal(bounds[0]);
                    high = ConsoleView.oneDecimal(bounds[1]);
                    above = b.volume() > bounds[1];
                }
                var inBucket =
                        markers.stream()
                                .filter(
                                        m ->
                                                m.at() >= start.getEpochSecond()
                                                        && m.at() < end.getEpochSecond())
                                .toList();
                peak = Math.max(peak, b.volume());
                rows.add(
                        new TimelineRow(
                                start.getEpochSecond(),
                                DashboardFormat.time(start, zone),
                                DashboardFormat.time(end, zone),
                                ConsoleView.bucketLabel(start, zone, hourly),
                                b.volume(),
                                b.negative(),
                                b.neutral(),
                                b.positive(),
                                b.volume() == 0
                                        ? ""
                                        : ConsoleView.percent(b.negative() / (double) b.volume()),
                                b.meanScore() == null
                                        ? ""
                                        : String.format(Locale.ROOT, "%+.2f", b.meanScore()),
                                exp,
                                low,
                                high,
                                above,
                                inBucket,
                                ConsoleLinks.explorer(
                                        brand.id(),
                                        start,
                                        end,
                                        facility,
                                        q.source(),
                                        q.aspect(),
                                        null),
                                hourly
                                        ? null
                                        : ConsoleLinks.timeline(
                                                        brand.id(),
                                                        facility,
                                                        Range.days(
                                                                start.atZone(zone).toLocalDate(),
                                                                start.atZone(zone).toLocalDate()))
                                                + filters(q)));
            }
        }
        var facilities = new ArrayList<Choice>();
        facilities.add(new Choice("", "All facilities", facility == null));
        brand.facilities()
                .forEach(
                        f ->
                                facilities.add(
                                        new Choice(
                                                f.id(), f.displayName(), f.id().equals(facility))));
        return new Result(
                200,
                new TimelinePage(
                        choices(brands, brand.id()),
                        brand.id(),
                        brand.displayName(),
                        facilities,
                        facility == null ? null : brand.facilityName(facility),
                        options(sourceKinds, q.source(), "All sources"),
                        q.source() == null ? "" : q.source(),
                        options(aspectNames, q.aspect(), "All aspects"),
                        q.aspect() == null ? "" : q.aspect(),
                        RangeForm.of(range),
                        DashboardFormat.zoneName(zone),
                        DashboardFormat.time(window.from(), zone),
                        DashboardFormat.time(window.to(), zone),
                        hourly ? "hour" : "day",
                        rows,
                        markers,
                        !expected.isEmpty(),
                        bandNote,
                        peak,
                        problems,
                        ConsoleLinks.explorer(
                                brand.id(),
                                window.from(),
                                window.to(),
                                facility,
                                q.source(),
                                q.aspect(),
                                null),
                        null));
    }

    private List<MarkerView> markers(
            String brandId, String facility, RangeWindow window, ZoneId zone) {
        var found = new ArrayList<Incident>();
        for (var status : IncidentStatus.values()) {
            found.addAll(incidents.search(brandId, status, null, INCIDENT_LIMIT));
        }
        return found.stream()
                .filter(i -> window.contains(i.openedAt))
                .filter(
                        i ->
                                facility == null
                                        || i.facilityId == null
                                        || facility.equals(i.facilityId))
                .sorted(java.util.Comparator.comparing((Incident i) -> i.openedAt))
                .map(
                        i ->
                                new MarkerView(
                                        i.id.toString(),
                                        i.openedAt.getEpochSecond(),
                                        DashboardFormat.time(i.openedAt, zone),
                                        i.severity.name(),
                                        i.kind.name(),
                                        i.status.name()))
                .toList();
    }

    private static String filters(Query q) {
        var extra = ConsoleLinks.query("source", q.source(), "aspect", q.aspect());
        return extra.isEmpty() ? "" : "&" + extra.substring(1);
    }

    private static List<BrandChoice> choices(List<Brand> brands, String selected) {
        return brands.stream()
                .map(b -> new BrandChoice(b.id(), b.displayName(), b.id().equals(selected)))
                .toList();
    }

    private static List<Choice> options(TreeSet<String> values, String selected, String none) {
        var out = new ArrayList<Choice>();
        out.add(new Choice("", none, selected == null));
        values.forEach(v -> out.add(new Choice(v, v, v.equals(selected))));
        return out;
    }

    private static TimelinePage empty(
            Query q,
            RangeForm range,
            List<BrandChoice> brands,
            String error,
            List<String> problems) {
        return new TimelinePage(
                brands,
                q.brand() == null ? "" : q.brand(),
                q.brand() == null ? "" : q.brand(),
                List.of(),
                null,
                List.of(),
                q.source() == null ? "" : q.source(),
                List.of(),
                q.aspect() == null ? "" : q.aspect(),
                range,
                "",
                null,
                null,
                "",
                List.of(),
                List.of(),
                false,
                "",
                0,
                problems,
                null,
                error);
    }

    private static String message(RuntimeException e, String what) {
        if (e instanceof ServiceRefusedException r) {
            return r.forbidden()
                    ? r.service() + " did not allow reading " + what + " with your sign-in."
                    : r.service()
                            + " refused the request for "
                            + what
                            + " (HTTP "
                            + r.status()
                            + ").";
        }
        return e.getMessage() + ": " + what + " not available.";
    }
}
