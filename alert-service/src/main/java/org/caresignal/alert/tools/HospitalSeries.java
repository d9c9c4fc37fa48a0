package org.caresignal.alert.tools;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.caresignal.alert.domain.detection.Replay;

/**
 * Generates the labelled hospital-scale benchmark: for each facility profile (posts per hour, usual
 * negative share, time zone) a series of 5-minute buckets {@code (start, total, negative)} with
 * daily and weekly cycles, day-to-day and hour-to-hour noise, holidays, and injected events
 * (negative bursts and build-ups, negative-share turns, repost bursts, a source going silent), plus
 * one label per event saying whether a person looking at the chart would call it an incident.
 *
 * <p>Everything follows from the seed: {@link java.util.Random}'s algorithm is fixed by its
 * specification, and each facility draws from its own generator (seeded from the dataset seed and
 * the facility's name), so adding a facility leaves the others unchanged.
 */
public final class HospitalSeries {

    /** The seed of the published figures. */
    public static final long SEED = 20261203L;

    /** A year of 52 weeks, starting on a Monday. */
    public static final int DAYS = 364;

    /** Fewer days would not fit the event schedule (one event per segment of the series). */
    public static final int MIN_DAYS = 180;

    public static final Duration BUCKET = Duration.ofMinutes(5);
    public static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);

    static final int PER_HOUR = 12;
    static final int PER_DAY = 24 * PER_HOUR;

    /** The first week carries no injected event: the detector's warm-up is not what we measure. */
    static final int QUIET_START_DAYS = 7;

    /**
     * Incident rule, on the noise-free expectations of the injected shape: over a trailing hour or
     * six hours inside the episode, the extra negative posts are at least {@value #VISIBLE_EXTRA}
     * and at least as many as the usual negative posts of that window (the negative count at least
     * doubles), and the whole episode adds at least {@value #INCIDENT_EXTRA} negative posts.
     */
    static final double VISIBLE_EXTRA = 4;

    static final double INCIDENT_EXTRA = 5;
    static final int[] VISIBILITY_WINDOWS = {PER_HOUR, 6 * PER_HOUR};

    /** What an event does to the series. */
    public enum Kind {
        /** Extra negative posts at a constant rate for 20 minutes to 2 hours (a sudden episode). */
        NEGATIVE_BURST(true),
        /** Extra negative posts ramping up over hours, holding, then fading (slow-building). */
        NEGATIVE_BUILDUP(true),
        /** Same volume, larger negative share (a complaint theme taking over). */
        SHARE_TURN(true),
        /** Volume several times the usual with the usual negative share: should not page. */
        REPOST_BURST(false),
        /** A source stops delivering (all of a quiet facility, 40% of a busy one): no page. */
        SOURCE_SILENT(false),
        /** A public holiday: the whole local day at a different volume, same share: no page. */
        HOLIDAY(false);

        private final boolean negative;

        Kind(boolean negative) {
            this.negative = negative;
        }

        /** Whether the event adds negative posts (only those can be incidents). */
        public boolean negative() {
            return negative;
        }
    }

    /** A facility's usual traffic; {@code zone} places its daily cycle and holidays. */
    public record Profile(String name, double postsPerHour, double negativeShare, ZoneId zone) {
        public Profile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(zone, "zone");
            if (!(postsPerHour > 0) || !(negativeShare > 0 && negativeShare < 1)) {
                throw new IllegalArgumentException("need postsPerHour > 0, 0 < negativeShare < 1");
            }
        }
    }

    /**
     * One labelled event.
     *
     * @param start first bucket the event touches
     * @param visible end of the first bucket where the incident rule holds (null when it never
     *     does): a person watching the chart could see it from then
     * @param end end of the last bucket the event touches (exclusive)
     * @param incident whether a person looking at the chart would call it an incident
     * @param extraNegatives expected negative posts the event adds (0 for non-negative kinds)
     * @param size the template's size word ({@code small}, {@code medium}, ...)
     */
    public record Label(
            String facility,
            Kind kind,
            String size,
            Instant start,
            Instant visible,
            Instant end,
            boolean incident,
            double extraNegatives,
            String note) {}

    /**
     * One facility's series and labels; {@code usualTotal}/{@code usualNegative} are the noise-free
     * expectations per bucket with holidays but without injected events.
     */
    public record Facility(
            Profile profile,
            List<Replay.Row> rows,
            double[] usualTotal,
            double[] usualNegative,
            List<Label> labels) {
        public Facility {
            rows = List.copyOf(rows);
            labels = List.copyOf(labels);
        }

        public String name() {
            return profile.name();
        }
    }

    /** The whole benchmark. */
    public record Dataset(long seed, int days, List<Facility> facilities) {
        public Dataset {
            facilities = List.copyOf(facilities);
        }

        public List<Label> labels() {
            return facilities.stream().flatMap(f -> f.labels().stream()).toList();
        }
    }

    private HospitalSeries() {}

    /** Two quiet (2 posts/h) and two busy (50 posts/h) facilities in three time zones. */
    public static List<Profile> standardProfiles() {
        return List.of(
                new Profile("quiet-east", 2, 0.20, ZoneId.of("America/New_York")),
                new Profile("quiet-central", 2, 0.25, ZoneId.of("America/Chicago")),
                new Profile("busy-east", 50, 0.15, ZoneId.of("America/New_York")),
                new Profile("busy-west", 50, 0.18, ZoneId.of("America/Los_Angeles")));
    }

    /** The published benchmark: {@link #SEED}, {@link #DAYS}, {@link #standardProfiles()}. */
    public static Dataset standard() {
        return generate(SEED, DAYS, standardProfiles());
    }

    public static Dataset generate(long seed, int days, List<Profile> profiles) {
        if (days < MIN_DAYS) {
            throw new IllegalArgumentException("need at least " + MIN_DAYS + " days");
        }
        var facilities = new ArrayList<Facility>();
        for (var p : profiles) {
            facilities.add(facility(seed, days, p));
        }
        return new Dataset(seed, days, facilities);
    }

    // ---------------------------------------------------------------------------------------
    // Events

    /** An injected event over buckets {@code [from, to)} with a trapezoid intensity in [0, 1]. */
    record Event(Kind kind, String size, int from, int up, int hold, int down, double amount) {
        int to() {
            return from + up + hold + down;
        }

        double intensity(int i) {
            int j = i - from;
            if (j < 0 || j >= up + hold + down) {
                return 0;
            }
            if (j < up) {
                return (j + 1) / (double) (up + 1);
            }
            if (j < up + hold) {
                return 1;
            }
            return (up + hold + down - j) / (double) (down + 1);
        }

        int length() {
            return up + hold + down;
        }
    }

    /** An event before placement: its shape and size, placed at {@code from = 0}. */
    private record Template(Kind kind, String size, int up, int hold, int down, double amount) {}

    private static List<Template> templates(Profile p, Random r) {
        // Extra negative posts per hour are in units of the usual negatives per hour plus two, so
        // the same sizes mean something at 2 and at 50 posts an hour.
        double unit = p.postsPerHour() * p.negativeShare() + 2;
        var t = new ArrayList<Template>();
        String[] sizes = {"small", "medium", "large"};
        double[] burst = {1, 3, 8};
        int[] burstMinutes = {20, 30, 45, 60, 90, 120};
        for (int s = 0; s < sizes.length; s++) {
            for (int k = 0; k < 3; k++) {
                int hold = minutes(burstMinutes[r.nextInt(burstMinutes.length)]);
                t.add(new Template(Kind.NEGATIVE_BURST, sizes[s], 0, hold, 0, burst[s] * unit));
            }
        }
        double[] buildup = {2, 4, 8};
        for (int s = 0; s < sizes.length; s++) {
            int count = s == 0 ? 1 : 2;
            for (int k = 0; k < count; k++) {
                int up = minutes(60 * (2 + r.nextInt(5)));
                int hold = minutes(60 * (1 + r.nextInt(2)));
                t.add(
                        new Template(
                                Kind.NEGATIVE_BUILDUP,
                                sizes[s],
                                up,
                                hold,
                                minutes(60),
                                buildup[s] * unit));
            }
        }
        double[] turn = {0.25, 0.5};
        String[] turnSizes = {"medium", "large"};
        for (int s = 0; s < turn.length; s++) {
            for (int k = 0; k < 2; k++) {
                // One sudden (15 minutes) and one slow (3 hours) turn of each size.
                int up = minutes(k == 0 ? 15 : 180);
                int hold = minutes(60 * (4 + r.nextInt(9)));
                double delta = Math.min(turn[s], 0.9 - p.negativeShare());
                t.add(new Template(Kind.SHARE_TURN, turnSizes[s], up, hold, minutes(60), delta));
            }
        }
        double[] repost = {3, 6, 12};
        int[] repostMinutes = {30, 60, 120, 180};
        for (int s = 0; s < sizes.length; s++) {
            for (int k = 0; k < 2; k++) {
                int hold = minutes(repostMinutes[r.nextInt(repostMinutes.length)]);
                t.add(
                        new Template(
                                Kind.REPOST_BURST,
                                sizes[s],
                                minutes(10),
                                hold,
                                minutes(20),
                                repost[s]));
            }
        }
        double silentFraction = p.postsPerHour() >= 10 ? 0.4 : 1.0;
        t.add(new Template(Kind.SOURCE_SILENT, "6h", 0, minutes(6 * 60), 0, silentFraction));
        t.add(new Template(Kind.SOURCE_SILENT, "1d", 0, minutes(24 * 60), 0, silentFraction));
        t.add(new Template(Kind.SOURCE_SILENT, "3d", 0, minutes(72 * 60), 0, silentFraction));
        if (silentFraction < 1) {
            t.add(new Template(Kind.SOURCE_SILENT, "6h-all", 0, minutes(6 * 60), 0, 1.0));
        }
        return t;
    }

    private static int minutes(int m) {
        return Math.max(1, m / 5);
    }

    /** Holidays (local dates) and their volume factor; the share stays as usual. */
    static List<Holiday> holidays(int fromYear, int toYear) {
        var list = new ArrayList<Holiday>();
        for (int y = fromYear; y <= toYear; y++) {
            list.add(new Holiday(LocalDate.of(y, 1, 1), 1.4, "New Year's Day"));
            list.add(
                    new Holiday(
                            LocalDate.of(y, 5, 31)
                                    .with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                            0.8,
                            "Memorial Day"));
            list.add(new Holiday(LocalDate.of(y, 7, 4), 1.5, "Independence Day"));
            list.add(
                    new Holiday(
                            LocalDate.of(y, 9, 1)
                                    .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                            0.8,
                            "Labor Day"));
            list.add(
                    new Holiday(
                            LocalDate.of(y, 11, 1)
                                    .with(
                                            TemporalAdjusters.dayOfWeekInMonth(
                                                    4, DayOfWeek.THURSDAY)),
                            0.5,
                            "Thanksgiving"));
            list.add(new Holiday(LocalDate.of(y, 12, 25), 0.5, "Christmas Day"));
        }
        return list;
    }

    record Holiday(LocalDate date, double factor, String name) {}

    // ---------------------------------------------------------------------------------------
    // One facility

    private static Facility facility(long seed, int days, Profile p) {
        var r = new Random(seed * 31 + p.name().hashCode());
        int n = days * PER_DAY;
        Instant first = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        var zone = p.zone();

        // Usual expectations: daily and weekly cycles and holidays (in local time).
        var lastDay = FIRST_DAY.plusDays(days);
        var holidays =
                holidays(FIRST_DAY.getYear(), lastDay.getYear()).stream()
                        .filter(h -> !h.date().isBefore(FIRST_DAY) && h.date().isBefore(lastDay))
                        .toList();
        double[] usualTotal = new double[n];
        double[] usualNegative = new double[n];
        LocalDate[] localDate = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            var local = first.plus(BUCKET.multipliedBy(i)).atZone(zone);
            localDate[i] = local.toLocalDate();
            double hour = local.getHour() + local.getMinute() / 60.0;
            double factor =
                    daily(hour)
                            * weekly(local.getDayOfWeek())
                            * holidayFactor(holidays, localDate[i]);
            usualTotal[i] = p.postsPerHour() / PER_HOUR * factor;
            usualNegative[i] = usualTotal[i] * p.negativeShare();
        }

        var events = place(templates(p, r), holidays, localDate, n, r);

        // Noise: a level per local day and per hour (overdispersion), and a share per day.
        int[] dayIndex = new int[n];
        for (int i = 0; i < n; i++) {
            dayIndex[i] = (int) (localDate[i].toEpochDay() - localDate[0].toEpochDay());
        }
        int dayCount = dayIndex[n - 1] + 1;
        double[] dayLevel = new double[dayCount];
        double[] dayShare = new double[dayCount];
        for (int d = 0; d < dayCount; d++) {
            dayLevel[d] = Math.exp(0.15 * r.nextGaussian() - 0.5 * 0.15 * 0.15);
            dayShare[d] =
                    clamp(p.negativeShare() * Math.exp(0.15 * r.nextGaussian() - 0.011), 0.01, 0.9);
        }
        double[] hourLevel = new double[n / PER_HOUR + 1];
        for (int h = 0; h < hourLevel.length; h++) {
            hourLevel[h] = Math.exp(0.2 * r.nextGaussian() - 0.5 * 0.2 * 0.2);
        }

        // Per-bucket effects of the events.
        double[] volumeFactor = new double[n];
        double[] shareShift = new double[n];
        double[] extraNegative = new double[n];
        Arrays.fill(volumeFactor, 1.0);
        for (var e : events) {
            for (int i = e.from(); i < e.to(); i++) {
                double x = e.intensity(i);
                switch (e.kind()) {
                    case NEGATIVE_BURST, NEGATIVE_BUILDUP ->
                            extraNegative[i] += e.amount() / PER_HOUR * x;
                    case SHARE_TURN -> shareShift[i] += e.amount() * x;
                    case REPOST_BURST -> volumeFactor[i] *= 1 + (e.amount() - 1) * x;
                    case SOURCE_SILENT -> volumeFactor[i] *= 1 - e.amount() * x;
                    case HOLIDAY -> {}
                }
            }
        }

        var rows = new ArrayList<Replay.Row>(n);
        for (int i = 0; i < n; i++) {
            double lambda = usualTotal[i] * dayLevel[dayIndex[i]] * hourLevel[i / PER_HOUR];
            long organic = poisson(lambda * volumeFactor[i], r);
            double share = clamp(dayShare[dayIndex[i]] + shareShift[i], 0, 0.95);
            long negative = binomial(organic, share, r);
            long extra = poisson(extraNegative[i], r);
            rows.add(
                    new Replay.Row(
                            first.plus(BUCKET.multipliedBy(i)), organic + extra, negative + extra));
        }

        var labels = new ArrayList<Label>();
        for (var e : events) {
            labels.add(label(p, e, first, usualTotal, usualNegative));
        }
        for (var h : holidays) {
            var start = h.date().atStartOfDay(zone).toInstant();
            var end = h.date().plusDays(1).atStartOfDay(zone).toInstant();
            labels.add(
                    new Label(
                            p.name(),
                            Kind.HOLIDAY,
                            String.format(Locale.ROOT, "x%.1f", h.factor()),
                            start,
                            null,
                            end,
                            false,
                            0,
                            h.name()));
        }
        labels.sort(Comparator.comparing(Label::start));
        return new Facility(p, rows, usualTotal, usualNegative, labels);
    }

    /** Daily cycle with mean 1: quiet nights (0.17 at 1-2 am), a peak of 1.6 at 3-5 pm. */
    static double daily(double hour) {
        return 1
                + 0.7 * Math.cos(2 * Math.PI * (hour - 14) / 24)
                + 0.15 * Math.cos(4 * Math.PI * (hour - 19) / 24);
    }

    static double weekly(DayOfWeek d) {
        return switch (d) {
            case MONDAY -> 1.12;
            case TUESDAY -> 1.06;
            case WEDNESDAY, THURSDAY -> 1.02;
            case FRIDAY -> 0.96;
            case SATURDAY -> 0.86;
            case SUNDAY -> 0.92;
        };
    }

    private static double holidayFactor(List<Holiday> holidays, LocalDate date) {
        for (var h : holidays) {
            if (h.date().equals(date)) {
                return h.factor();
            }
        }
        return 1;
    }

    /**
     * Places the templates in a shuffled order, one per equal segment of the series after the first
     * week, at a random local time, never within a day of a holiday.
     */
    private static List<Event> place(
            List<Template> templates,
            List<Holiday> holidays,
            LocalDate[] localDate,
            int n,
            Random r) {
        var order = new ArrayList<>(templates);
        Collections.shuffle(order, r);
        int from = QUIET_START_DAYS * PER_DAY;
        int segment = (n - from - PER_DAY) / order.size();
        var events = new ArrayList<Event>();
        for (int k = 0; k < order.size(); k++) {
            var t = order.get(k);
            int length = t.up() + t.hold() + t.down();
            int lo = from + k * segment;
            int room = segment - length - PER_DAY / 2;
            if (room <= 0) {
                throw new IllegalArgumentException("series too short for its events");
            }
            int start = -1;
            for (int attempt = 0; attempt < 50 && start < 0; attempt++) {
                int candidate = lo + r.nextInt(room);
                if (clearOfHolidays(holidays, localDate, candidate, candidate + length)) {
                    start = candidate;
                }
            }
            if (start < 0) {
                throw new IllegalStateException(
                        "could not place " + t.kind() + " clear of holidays");
            }
            events.add(
                    new Event(t.kind(), t.size(), start, t.up(), t.hold(), t.down(), t.amount()));
        }
        return events;
    }

    private static boolean clearOfHolidays(
            List<Holiday> holidays, LocalDate[] localDate, int from, int to) {
        var first = localDate[from].minusDays(1);
        var last = localDate[Math.min(to, localDate.length - 1)].plusDays(1);
        return holidays.stream()
                .noneMatch(h -> !h.date().isBefore(first) && !h.date().isAfter(last));
    }

    /** The label of an event, with the incident rule applied to its noise-free shape. */
    static Label label(
            Profile p, Event e, Instant first, double[] usualTotal, double[] usualNegative) {
        double[] extra = new double[e.length()];
        double[] usual = new double[e.length()];
        for (int j = 0; j < extra.length; j++) {
            int i = e.from() + j;
            double x = e.intensity(i);
            usual[j] = usualNegative[i];
            extra[j] =
                    switch (e.kind()) {
                        case NEGATIVE_BURST, NEGATIVE_BUILDUP -> e.amount() / PER_HOUR * x;
                        case SHARE_TURN -> usualTotal[i] * e.amount() * x;
                        default -> 0;
                    };
        }
        double total = Arrays.stream(extra).sum();
        Instant visible = null;
        if (e.kind().negative() && total >= INCIDENT_EXTRA) {
            int at = visibleAt(extra, usual);
            visible = at < 0 ? null : bucketEnd(first, e.from() + at);
        }
        String note =
                switch (e.kind()) {
                    case NEGATIVE_BURST, NEGATIVE_BUILDUP ->
                            String.format(
                                    Locale.ROOT, "+%.1f negative posts/h at peak", e.amount());
                    case SHARE_TURN ->
                            String.format(Locale.ROOT, "negative share +%.2f at peak", e.amount());
                    case REPOST_BURST ->
                            String.format(Locale.ROOT, "volume x%.0f at peak", e.amount());
                    case SOURCE_SILENT ->
                            String.format(Locale.ROOT, "%.0f%% of posts missing", 100 * e.amount());
                    case HOLIDAY -> "";
                };
        return new Label(
                p.name(),
                e.kind(),
                e.size(),
                first.plus(BUCKET.multipliedBy(e.from())),
                visible,
                bucketEnd(first, e.to() - 1),
                visible != null,
                total,
                note);
    }

    /** First index where a trailing window's extra meets the incident rule, else -1. */
    static int visibleAt(double[] extra, double[] usual) {
        for (int j = 0; j < extra.length; j++) {
            for (int w : VISIBILITY_WINDOWS) {
                double x = 0;
                double u = 0;
                for (int i = Math.max(0, j - w + 1); i <= j; i++) {
                    x += extra[i];
                    u += usual[i];
                }
                if (x >= VISIBLE_EXTRA && x >= u) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static Instant bucketEnd(Instant first, int index) {
        return first.plus(BUCKET.multipliedBy(index + 1L));
    }

    // ---------------------------------------------------------------------------------------
    // Sampling

    static long poisson(double lambda, Random r) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double product = r.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= r.nextDouble();
            k++;
        }
        return k;
    }

    static long binomial(long n, double p, Random r) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
