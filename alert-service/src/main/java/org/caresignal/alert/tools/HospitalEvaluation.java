package org.caresignal.alert.tools;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.caresignal.alert.domain.detection.Replay;
import org.caresignal.alert.tools.HospitalSeries.Kind;
import org.caresignal.alert.tools.HospitalSeries.Label;

/**
 * Scores pages against the hospital benchmark's labels: labels and each facility's page times in,
 * per preset the incident episodes found, the delay from episode start to page, and the false pages
 * per facility per month out, printed as Markdown.
 *
 * <p>A page is attributed to the event whose span {@code (start, end + GRACE]} holds it (a page is
 * sent when its bucket closes, and the detector may need a bucket or two after a short burst). The
 * first page in an incident finds it; later ones are repeats. A page during a negative event below
 * the incident rule is neither found nor false (paging it is defensible). Every other page is
 * false: outside every event, or during a repost burst, a silent source or a holiday (none of which
 * a person would call an incident), reported separately.
 */
public final class HospitalEvaluation {

    /** How long after an event's end a page still belongs to it. */
    public static final Duration GRACE = Duration.ofMinutes(30);

    /** The target: an incident is found within this of becoming visible. */
    public static final Duration TARGET = Duration.ofMinutes(30);

    static final double MONTH_DAYS = 365.25 / 12;

    private HospitalEvaluation() {}

    /**
     * The pages of one facility's replay and the span it covered ({@code [from, to)}); {@code
     * volumeOnly} are the pages raised by the total-volume trigger alone (severity {@code LOW},
     * which a route with a minimum severity may not notify).
     */
    public record Pages(
            String facility,
            Instant from,
            Instant to,
            List<Instant> pages,
            Set<Instant> volumeOnly) {
        public Pages {
            Objects.requireNonNull(facility, "facility");
            pages = List.copyOf(pages);
            volumeOnly = Set.copyOf(volumeOnly);
        }

        public Pages(String facility, Instant from, Instant to, List<Instant> pages) {
            this(facility, from, to, pages, Set.of());
        }
    }

    /** An incident episode and its first page (null when missed). */
    public record Outcome(Label label, Instant firstPage) {
        public boolean found() {
            return firstPage != null;
        }

        /** Time from the episode's start to its first page. */
        public Duration delay() {
            return found() ? Duration.between(label.start(), firstPage) : null;
        }

        /** Found within {@link #TARGET} of the moment the incident became visible. */
        public boolean inTime() {
            return found()
                    && label.visible() != null
                    && !firstPage.isAfter(label.visible().plus(TARGET));
        }
    }

    /**
     * A false page: when, at which facility, during which non-incident event (null: none), and
     * whether the total-volume trigger alone raised it.
     */
    public record FalsePage(String facility, Instant at, Kind during, boolean volumeOnly) {}

    /**
     * What one preset scored.
     *
     * @param falsePages pages outside every event or during a repost burst, silent source or
     *     holiday
     * @param subThresholdByFacility pages during negative events below the incident rule (neither
     *     found nor false), per facility
     * @param repeatsByFacility later pages within an incident that already paged, per facility
     * @param pagedOthers non-incident events with at least one page
     * @param months facility-months replayed, per facility
     */
    public record Result(
            String preset,
            List<Outcome> incidents,
            List<FalsePage> falsePages,
            Map<String, Integer> subThresholdByFacility,
            Map<String, Integer> repeatsByFacility,
            Set<Label> pagedOthers,
            Map<String, Double> months) {

        public Result {
            incidents = List.copyOf(incidents);
            falsePages = List.copyOf(falsePages);
            subThresholdByFacility = Map.copyOf(subThresholdByFacility);
            repeatsByFacility = Map.copyOf(repeatsByFacility);
            pagedOthers = Set.copyOf(pagedOthers);
            months = Map.copyOf(months);
        }

        public int subThreshold() {
            return subThresholdByFacility.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int repeats() {
            return repeatsByFacility.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int found() {
            return (int) incidents.stream().filter(Outcome::found).count();
        }

        public int inTime() {
            return (int) incidents.stream().filter(Outcome::inTime).count();
        }

        public double facilityMonths() {
            return months.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double falsePagesPerFacilityMonth() {
            double m = facilityMonths();
            return m > 0 ? falsePages.size() / m : 0;
        }

        /** False pages during events of {@code kind}; {@code null} counts those outside any. */
        public long falsePagesDuring(Kind kind) {
            return falsePages.stream().filter(f -> f.during() == kind).count();
        }

        /** Median delay from episode start to first page over the found incidents, in minutes. */
        public double medianDelayMinutes() {
            return Replay.median(delays(incidents));
        }

        public double maxDelayMinutes() {
            return Arrays.stream(delays(incidents)).max().orElse(Double.NaN);
        }

        /** This result restricted to one facility. */
        public Result of(String facility) {
            return new Result(
                    preset,
                    incidents.stream().filter(o -> o.label().facility().equals(facility)).toList(),
                    falsePages.stream().filter(f -> f.facility().equals(facility)).toList(),
                    only(subThresholdByFacility, facility),
                    only(repeatsByFacility, facility),
                    pagedOthers.stream()
                            .filter(l -> l.facility().equals(facility))
                            .collect(Collectors.toSet()),
                    only(months, facility));
        }

        private static <V> Map<String, V> only(Map<String, V> map, String facility) {
            return map.containsKey(facility) ? Map.of(facility, map.get(facility)) : Map.of();
        }
    }

    static double[] delays(List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(Outcome::found)
                .mapToDouble(o -> o.delay().toSeconds() / 60.0)
                .toArray();
    }

    public static Result evaluate(String preset, List<Label> labels, List<Pages> facilities) {
        var covered = facilities.stream().map(Pages::facility).toList();
        var outcomes = new LinkedHashMap<Label, Instant>();
        labels.stream()
                .filter(l -> l.incident() && covered.contains(l.facility()))
                .forEach(l -> outcomes.put(l, null));
        var falsePages = new ArrayList<FalsePage>();
        var pagedOthers = new HashSet<Label>();
        var months = new LinkedHashMap<String, Double>();
        var subThreshold = new LinkedHashMap<String, Integer>();
        var repeats = new LinkedHashMap<String, Integer>();
        for (var f : facilities) {
            months.merge(
                    f.facility(),
                    Duration.between(f.from(), f.to()).toSeconds() / (MONTH_DAYS * 86_400),
                    Double::sum);
            var own = labels.stream().filter(l -> l.facility().equals(f.facility())).toList();
            for (var page : f.pages()) {
                var label = attribute(own, page);
                if (label == null) {
                    falsePages.add(
                            new FalsePage(f.facility(), page, null, f.volumeOnly().contains(page)));
                } else if (label.incident()) {
                    if (outcomes.get(label) == null) {
                        outcomes.put(label, page);
                    } else {
                        repeats.merge(f.facility(), 1, Integer::sum);
                    }
                } else {
                    pagedOthers.add(label);
                    if (label.kind().negative()) {
                        subThreshold.merge(f.facility(), 1, Integer::sum);
                    } else {
                        falsePages.add(
                                new FalsePage(
                                        f.facility(),
                                        page,
                                        label.kind(),
                                        f.volumeOnly().contains(page)));
                    }
                }
            }
        }
        var list = new ArrayList<Outcome>();
        outcomes.forEach((label, page) -> list.add(new Outcome(label, page)));
        return new Result(preset, list, falsePages, subThreshold, repeats, pagedOthers, months);
    }

    /** The label a page belongs to: an incident first, then any other event; null if none. */
    static Label attribute(List<Label> labels, Instant page) {
        Label best = null;
        for (var l : labels) {
            if (page.isAfter(l.start()) && !page.isAfter(l.end().plus(GRACE))) {
                if (l.incident()) {
                    return l;
                }
                if (best == null || (l.kind().negative() && !best.kind().negative())) {
                    best = l;
                }
            }
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------
    // Markdown

    static void printSummary(List<Result> results, PrintStream out) {
        out.println(
                "| preset | incident episodes found | found within 30 min of visible | median"
                        + " start → page (min) | max start → page (min) | false pages | false pages"
                        + " / facility / month | false pages on repost bursts / silent source /"
                        + " holidays | false pages by total volume alone (LOW) | pages on"
                        + " sub-incident negative events | repeat pages |");
        out.println(
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var r : results) {
            out.printf(
                    Locale.ROOT,
                    "| %s | %d of %d | %d of %d | %s | %s | %d | %.2f | %d / %d / %d | %d | %d | %d |%n",
                    r.preset(),
                    r.found(),
                    r.incidents().size(),
                    r.inTime(),
                    r.incidents().size(),
                    minutes(r.medianDelayMinutes()),
                    minutes(r.maxDelayMinutes()),
                    r.falsePages().size(),
                    r.falsePagesPerFacilityMonth(),
                    r.falsePagesDuring(Kind.REPOST_BURST),
                    r.falsePagesDuring(Kind.SOURCE_SILENT),
                    r.falsePagesDuring(Kind.HOLIDAY),
                    r.falsePages().stream().filter(FalsePage::volumeOnly).count(),
                    r.subThreshold(),
                    r.repeats());
        }
    }

    /** Per facility: incidents found, median delay and false pages per month, for each preset. */
    static void printByFacility(
            List<Result> results, Map<String, Double> postsPerHour, PrintStream out) {
        var header = new StringBuilder("| facility | posts / h |");
        var rule = new StringBuilder("| --- | ---: |");
        for (var r : results) {
            header.append(' ')
                    .append(r.preset())
                    .append(": found | median min | false pages / month |");
            rule.append(" ---: | ---: | ---: |");
        }
        out.println(header);
        out.println(rule);
        for (var e : postsPerHour.entrySet()) {
            var row =
                    new StringBuilder(
                            String.format(Locale.ROOT, "| %s | %.0f |", e.getKey(), e.getValue()));
            for (var r : results) {
                var mine = r.of(e.getKey());
                row.append(
                        String.format(
                                Locale.ROOT,
                                " %d of %d | %s | %.2f |",
                                mine.found(),
                                mine.incidents().size(),
                                minutes(mine.medianDelayMinutes()),
                                mine.falsePagesPerFacilityMonth()));
            }
            out.println(row);
        }
    }

    /**
     * Per event kind and size: incidents found (median delay) and the other events of the group
     * that drew a page, for each preset.
     */
    static void printByKind(List<Result> results, List<Label> labels, PrintStream out) {
        var header = new StringBuilder("| kind | size | incidents | other events |");
        var rule = new StringBuilder("| --- | --- | ---: | ---: |");
        for (var r : results) {
            header.append(' ')
                    .append(r.preset())
                    .append(": incidents found (median min) | other events paged |");
            rule.append(" ---: | ---: |");
        }
        out.println(header);
        out.println(rule);
        var groups = new LinkedHashMap<String, List<Label>>();
        labels.stream()
                .sorted(Comparator.comparing(Label::kind).thenComparing(Label::size))
                .forEach(
                        l ->
                                groups.computeIfAbsent(
                                                l.kind() + "|" + l.size(), k -> new ArrayList<>())
                                        .add(l));
        for (var g : groups.values()) {
            long incidents = g.stream().filter(Label::incident).count();
            long others = g.size() - incidents;
            var row =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %s | %d | %d |",
                                    kindName(g.get(0).kind()),
                                    g.get(0).size(),
                                    incidents,
                                    others));
            for (var r : results) {
                var mine = r.incidents().stream().filter(o -> g.contains(o.label())).toList();
                long found = mine.stream().filter(Outcome::found).count();
                row.append(
                        incidents == 0
                                ? " – |"
                                : String.format(
                                        Locale.ROOT,
                                        " %d (%s) |",
                                        found,
                                        minutes(Replay.median(delays(mine)))));
                long paged = g.stream().filter(r.pagedOthers()::contains).count();
                row.append(others == 0 ? " – |" : " " + paged + " |");
            }
            out.println(row);
        }
    }

    /** The incidents a preset missed, one line each. */
    static void printMissed(Result r, PrintStream out) {
        var missed = r.incidents().stream().filter(o -> !o.found()).toList();
        out.printf(Locale.ROOT, "Missed at %s: %d%n", r.preset(), missed.size());
        for (var o : missed) {
            var l = o.label();
            out.printf(
                    Locale.ROOT,
                    "- %s %s %s from %s to %s (%s, %.0f extra negative posts)%n",
                    l.facility(),
                    kindName(l.kind()),
                    l.size(),
                    l.start(),
                    l.end(),
                    l.note(),
                    l.extraNegatives());
        }
    }

    static String kindName(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String minutes(double m) {
        return Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.0f", m);
    }
}
