package org.caresignal.alert.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.alert.dashboard.DashboardFormat.Time;
import org.caresignal.alert.dashboard.DashboardView.Choice;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.domain.console.RangeWindow;
import org.caresignal.alert.service.BrandOverview;

/**
 * What the console's overview and timeline templates show, already formatted: names, figures as
 * words and percentages, every time with its zone. Built from {@link BrandOverview} and the
 * timeline's series; holds no entity.
 */
public final class ConsoleView {

    private ConsoleView() {}

    /** The range form: the kinds to choose, the custom days, and what the range is in words. */
    public record RangeForm(List<Choice> kinds, String from, String to, boolean custom) {

        static RangeForm of(Range range) {
            var kinds = new ArrayList<Choice>();
            for (var k : Range.Kind.values()) {
                kinds.add(new Choice(k.param(), k.label(), k == range.kind()));
            }
            return new RangeForm(
                    kinds,
                    range.firstDay() == null ? "" : range.firstDay().toString(),
                    range.lastDay() == null ? "" : range.lastDay().toString(),
                    range.kind() == Range.Kind.CUSTOM);
        }

        /** The form with no range chosen yet: the last 24 hours. */
        static RangeForm initial() {
            return of(Range.last24h());
        }
    }

    /** A brand to pick, by name. */
    public record BrandChoice(String id, String name, boolean selected) {}

    /** The overview page: the picker, the range form, one section per brand. */
    public record OverviewPage(
            List<BrandChoice> brands,
            String brand,
            RangeForm range,
            List<BrandSection> sections,
            String pickerProblem,
            String note,
            String error) {}

    /** One brand's part of the overview. */
    public record BrandSection(
            String id,
            String name,
            String zone,
            Time from,
            Time to,
            String rangeLabel,
            FiguresView figures,
            List<FacilityView> facilities,
            List<AspectView> aspects,
            List<PostView> negative,
            List<PostView> positive,
            boolean texts,
            List<SourceView> sources,
            List<String> problems,
            String timelineLink,
            String incidentsLink) {}

    /** A facility by name with its figures. */
    public record FacilityView(String id, String name, FiguresView figures, String timelineLink) {}

    /** Figures as the page reads them; {@code counted} false when they could not be read. */
    public record FiguresView(
            boolean counted,
            long volume,
            String usualVolume,
            String volumeChange,
            String volumeTrend,
            String negativeShare,
            String usualNegativeShare,
            String shareChange,
            String shareTrend,
            String netSentiment,
            long negative,
            long positive,
            int openIncidents) {

        static FiguresView of(BrandOverview.Figures f) {
            return new FiguresView(
                    f.counted(),
                    f.counts().volume(),
                    f.usualVolume() == null ? null : oneDecimal(f.usualVolume()),
                    f.volumeChange() == null ? null : signedPercent(f.volumeChange()),
                    trend(f.volumeChange(), 0.2),
                    f.negativeShare() == null ? null : percent(f.negativeShare()),
                    f.usualNegativeShare() == null ? null : percent(f.usualNegativeShare()),
                    f.negativeShareChange() == null ? null : points(f.negativeShareChange()),
                    trend(f.negativeShareChange(), 0.05),
                    f.netSentiment() == null ? null : signed(Math.round(f.netSentiment())),
                    f.counts().negative(),
                    f.counts().positive(),
                    f.openIncidents());
        }
    }

    /** An aspect with its negative mentions and change against the range before. */
    public record AspectView(
            String aspect, long negative, long total, String change, String trend, String link) {}

    /** A much-reposted post; text and link only when the reader may see them. */
    public record PostView(
            String id,
            String facility,
            String source,
            Time published,
            String label,
            String score,
            long reposts,
            String text,
            String link,
            String removed) {}

    /** A source connector's health in words, with since/until in the brand's zone. */
    public record SourceView(
            String id,
            String kind,
            String state,
            String stateText,
            Time since,
            Time until,
            long lastHour,
            Time lastItem) {}

    /** The timeline page. */
    public record TimelinePage(
            List<BrandChoice> brands,
            String brand,
            String brandName,
            List<Choice> facilities,
            String facilityName,
            List<Choice> sources,
            String source,
            List<Choice> aspects,
            String aspect,
            RangeForm range,
            String zone,
            Time from,
            Time to,
            String bucket,
            List<TimelineRow> rows,
            List<MarkerView> incidents,
            boolean band,
            String bandNote,
            long peak,
            List<String> problems,
            String explorerLink,
            String error) {}

    /**
     * One bucket of the timeline: bounds (the start as epoch seconds for the chart), label in the
     * brand's zone, counts, negative share, mean score, the detector's expectation and band (empty
     * when not shown), whether an incident opened in it, and the explorer link to its posts.
     */
    public record TimelineRow(
            long start,
            Time from,
            Time to,
            String label,
            long volume,
            long negative,
            long neutral,
            long positive,
            String negativeShare,
            String meanScore,
            String expected,
            String low,
            String high,
            boolean above,
            List<MarkerView> incidents,
            String postsLink,
            String zoomLink) {}

    /** An incident shown on the timeline. */
    public record MarkerView(
            String id, long at, Time opened, String severity, String kind, String status) {}

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    static String signedPercent(double change) {
        return signed(Math.round(change * 100)) + "%";
    }

    static String points(double change) {
        var p = Math.round(change * 100);
        return signed(p) + (Math.abs(p) == 1 ? " pt" : " pts");
    }

    static String signed(long v) {
        return v > 0 ? "+" + v : v < 0 ? "−" + Math.abs(v) : "±0";
    }

    static String oneDecimal(double v) {
        var rounded = Math.round(v * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    /** "up" or "down" when a change passes {@code notable} either way, else "flat"; "" unknown. */
    static String trend(Double change, double notable) {
        if (change == null) {
            return "";
        }
        return change >= notable ? "up" : change <= -notable ? "down" : "flat";
    }

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /**
     * The range in words, e.g. "Last 7 days: Mon 1 Dec 2026 – Sun 7 Dec 2026 (America/Chicago)".
     */
    static String rangeLabel(RangeWindow w) {
        var zone = DashboardFormat.zoneName(w.zone());
        if (w.hourly()) {
            return w.range().kind().label()
                    + ": "
                    + HOUR.format(w.from().atZone(w.zone()))
                    + " – "
                    + HOUR.format(w.to().atZone(w.zone()))
                    + " ("
                    + zone
                    + ")";
        }
        LocalDate first = w.from().atZone(w.zone()).toLocalDate();
        LocalDate last = w.to().atZone(w.zone()).toLocalDate().minusDays(1);
        var days =
                first.equals(last)
                        ? DAY.format(first)
                        : DAY.format(first) + " – " + DAY.format(last);
        var prefix = w.range().kind() == Range.Kind.CUSTOM ? "" : w.range().kind().label() + ": ";
        return prefix + days + " (" + zone + ")";
    }

    /** A bucket's label in the zone: the hour, or the day. */
    static String bucketLabel(Instant start, ZoneId zone, boolean hourly) {
        return hourly ? HOUR.format(start.atZone(zone)) : DAY.format(start.atZone(zone));
    }
}
