package org.caresignal.sentiment.tools;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The {@code sentiment-service/generate-history} command: fills sentiment-service's tables with N
 * realistic scored mentions (default 10 million) of B brands (20) over D days (365) ending at a
 * fixed instant, from a fixed seed, by COPY in chunks; the rollups (V11) are built by their
 * triggers chunk by chunk, as they would be by the service. Secondary indexes are dropped for the
 * load and built again afterwards (much faster than maintaining them row by row), then the tables
 * are vacuumed and analysed. Generated rows have {@code external_id = 'hist-<n>'}; never point this
 * at a database holding real data.
 *
 * <p>Shape: brands by a Zipf-like share (the busiest about 9x the quietest); per brand 4 facilities
 * (85% of mentions) or none; 5 sources; a daily cycle (busy at 09-22 local, quiet at night, in
 * America/New_York), a weekly one (weekends at 70%) and, per brand, about 7 incident days a year
 * with 4x volume and 65% negative (otherwise 28% negative, 47% neutral, 25% positive); one aspect
 * on 60% of mentions and a second on 20% (the aspect's own label follows the mention's 80% of the
 * time); texts from templates of hospital posts and the TweetEval validation tweets.
 */
public final class HistoryGenerator {

    static final String[] SOURCES = {"mastodon", "bluesky", "reddit", "rss", "webhook"};
    static final double[] SOURCE_SHARE = {0.35, 0.25, 0.2, 0.12, 0.08};
    static final String[] ASPECTS = {
        "emergency-wait",
        "billing-cost",
        "nursing-care",
        "parking",
        "food",
        "communication",
        "physicians",
        "scheduling-access",
        "patient-portal",
        "discharge-follow-up",
        "cleanliness",
        "safety",
        "privacy"
    };
    static final String[] LABELS = {"NEGATIVE", "NEUTRAL", "POSITIVE"};

    private static final String[] OPENINGS = {
        "Just left",
        "Spent the night at",
        "Visited my mom at",
        "Took my son to",
        "Update from",
        "Third time this month at",
        "Finally discharged from",
        "Shoutout to the team at",
        "Honest review of",
        "Anyone else been to",
        "Waiting room at",
        "Follow-up appointment at"
    };
    private static final String[] NEGATIVE = {
        "waited six hours in the ER and nobody told us anything",
        "the billing office charged us twice and will not answer the phone",
        "parking garage full again, circled for forty minutes",
        "nurse was rude and the room was filthy",
        "ambulance bay blocked, paramedics waiting outside",
        "portal keeps logging me out and the results are missing",
        "discharged without any follow-up instructions",
        "food was cold and the cafeteria closed early",
        "lost my records, had to repeat every test",
        "nobody washed their hands, felt unsafe the whole time"
    };
    private static final String[] NEUTRAL = {
        "parking is in the north lot now",
        "visiting hours changed to 8am to 8pm",
        "new urgent care wing opens next month",
        "flu shots available at the pharmacy this week",
        "ambulance entrance moved to Elm street",
        "the patient portal has a new app",
        "cafeteria menu posted online",
        "billing questions go to the main desk"
    };
    private static final String[] POSITIVE = {
        "the nurses were wonderful and so kind to my dad",
        "surgeon explained everything, recovery going great",
        "fastest ER visit ever, seen in twenty minutes",
        "spotless rooms and great food, thank you",
        "the discharge team called to check on us, amazing",
        "billing sorted my insurance mix-up in one call",
        "paramedics and the ambulance crew saved my life",
        "front desk staff were friendly and helpful"
    };

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private HistoryGenerator() {}

    public static void main(String[] args) throws Exception {
        var options = HistoryDatabase.options(args);
        long mentions = Long.parseLong(options.getOrDefault("mentions", "10000000"));
        int brands = Integer.parseInt(options.getOrDefault("brands", "20"));
        int days = Integer.parseInt(options.getOrDefault("days", "365"));
        long seed = Long.parseLong(options.getOrDefault("seed", "13"));
        var end = Instant.parse(options.getOrDefault("end", "2026-12-01T00:00:00Z"));
        int chunk = Integer.parseInt(options.getOrDefault("chunk", "200000"));
        var corpus =
                Path.of(
                        options.getOrDefault(
                                "corpus", "../../shared/datasets/sentiment/tweeteval-val.tsv"));
        var tweets = tweets(corpus);
        try (var database = HistoryDatabase.open(options)) {
            database.migrate();
            try (var db = database.connect()) {
                try (var st = db.createStatement()) {
                    // Generated data: a crash loses the load, which is then run again.
                    st.execute("set synchronous_commit = off");
                }
                long present = count(db);
                if (present > 0 && !options.containsKey("append")) {
                    System.out.printf(
                            Locale.ROOT,
                            "the database already holds %d generated mentions: nothing to do"
                                    + " (--append to add more with another --seed)%n",
                            present);
                    return;
                }
                var started = System.nanoTime();
                var generator =
                        new Generation(
                                new SplittableRandom(seed),
                                mentions,
                                brands,
                                days,
                                end,
                                tweets,
                                present);
                var indexes = dropIndexes(db);
                setUserTriggers(db, false);
                try {
                    generator.load(db, chunk);
                } finally {
                    setUserTriggers(db, true);
                }
                double loaded = (System.nanoTime() - started) / 1e9;
                System.err.printf(Locale.ROOT, "loaded in %.0f s; building rollups%n", loaded);
                buildRollups(db);
                double rolled = (System.nanoTime() - started) / 1e9;
                System.err.printf(Locale.ROOT, "rollups at %.0f s; building indexes%n", rolled);
                rebuild(db, indexes);
                double indexed = (System.nanoTime() - started) / 1e9;
                System.err.printf(Locale.ROOT, "indexed at %.0f s; vacuum analyse%n", indexed);
                db.setAutoCommit(true);
                try (var st = db.createStatement()) {
                    st.execute("vacuum analyze scored_mention");
                    st.execute("vacuum analyze mention_aspect");
                    st.execute("vacuum analyze sentiment_rollup");
                }
                double total = (System.nanoTime() - started) / 1e9;
                try (var st = db.createStatement();
                        var rs =
                                st.executeQuery(
                                        "select (select count(*) from scored_mention),"
                                                + " (select count(*) from mention_aspect),"
                                                + " (select count(*) from sentiment_rollup),"
                                                + " pg_size_pretty(pg_database_size(current_database()))")) {
                    rs.next();
                    System.out.printf(
                            Locale.ROOT,
                            "mentions=%d aspects=%d rollup_rows=%d database=%s load_s=%.0f"
                                    + " rollup_s=%.0f index_s=%.0f total_s=%.0f%n",
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getString(4),
                            loaded,
                            rolled - loaded,
                            indexed - rolled,
                            total);
                }
                System.out.println("jdbc=" + database.jdbcUrl);
            }
        }
    }

    static long count(Connection db) throws SQLException {
        try (var st = db.createStatement();
                var rs =
                        st.executeQuery(
                                "select count(*) from scored_mention where external_id like"
                                        + " 'hist-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> tweets(Path corpus) throws IOException {
        if (!Files.exists(corpus)) {
            return List.of();
        }
        return Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
                .map(l -> l.substring(l.indexOf('\t') + 1))
                .toList();
    }

    /** The secondary indexes of the two tables (definitions), dropped. */
    private static List<String> dropIndexes(Connection db) throws SQLException {
        var definitions = new ArrayList<String[]>();
        try (var st = db.createStatement();
                var rs =
                        st.executeQuery(
                                "select i.indexrelid::regclass::text,"
                                        + " pg_get_indexdef(i.indexrelid) from pg_index i where"
                                        + " i.indrelid in ('scored_mention'::regclass,"
                                        + " 'mention_aspect'::regclass) and not i.indisprimary"
                                        + " and not i.indisunique")) {
            while (rs.next()) {
                definitions.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        try (var st = db.createStatement()) {
            for (var d : definitions) {
                st.execute("drop index " + d[0]);
            }
        }
        return definitions.stream().map(d -> d[1]).toList();
    }

    private static void rebuild(Connection db, List<String> indexes) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute("set maintenance_work_mem = '512MB'");
            for (var definition : indexes) {
                var started = System.nanoTime();
                st.execute(definition);
                System.err.printf(
                        Locale.ROOT,
                        "  %.0f s  %s%n",
                        (System.nanoTime() - started) / 1e9,
                        definition);
            }
        }
    }

    /**
     * The service's triggers (the model-verdict defaults, the aspect rows' copy of their mention,
     * the rollups' maintenance) are off during the load: the generator writes those columns itself,
     * and the rollups of the whole load are built at once afterwards ({@link #buildRollups}), as
     * V11's backfill does, instead of one upsert per chunk.
     */
    private static void setUserTriggers(Connection db, boolean on) throws SQLException {
        try (var st = db.createStatement()) {
            for (var table : List.of("scored_mention", "mention_aspect")) {
                st.execute(
                        "alter table "
                                + table
                                + " "
                                + (on ? "enable" : "disable")
                                + " trigger user");
            }
        }
    }

    /** The generated brands' rollups from their mentions and aspect rows (V11's backfill). */
    private static void buildRollups(Connection db) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute("set work_mem = '256MB'");
            st.execute("delete from sentiment_rollup where brand_id like 'hist-brand-%'");
            st.execute(
                    "insert into sentiment_rollup (brand_id, aspect, hour, facility_id, source,"
                            + " negative, neutral, positive, score_sum) select brand_id, '',"
                            + " sentiment_rollup_hour(published_at), coalesce(facility_id, ''),"
                            + " source, count(*) filter (where label = 'NEGATIVE'), count(*)"
                            + " filter (where label = 'NEUTRAL'), count(*) filter (where label ="
                            + " 'POSITIVE'), sum(score) from scored_mention where brand_id like"
                            + " 'hist-brand-%' group by 1, 2, 3, 4, 5");
            st.execute(
                    "insert into sentiment_rollup (brand_id, aspect, hour, facility_id, source,"
                            + " negative, neutral, positive, score_sum) select brand_id, aspect,"
                            + " sentiment_rollup_hour(published_at), coalesce(facility_id, ''),"
                            + " source, count(*) filter (where label = 'NEGATIVE'), count(*)"
                            + " filter (where label = 'NEUTRAL'), count(*) filter (where label ="
                            + " 'POSITIVE'), sum(score) from mention_aspect where brand_id like"
                            + " 'hist-brand-%' group by 1, 2, 3, 4, 5");
        }
    }

    /** One generation run: the random choices, in order, from the seed. */
    static final class Generation {
        private final SplittableRandom random;
        private final long mentions;
        private final int brands;
        private final int days;
        private final Instant start;
        private final List<String> tweets;
        private final double[] brandShare;
        private final boolean[][] incident;
        private final double[] dayWeight;
        private long next;

        Generation(
                SplittableRandom random,
                long mentions,
                int brands,
                int days,
                Instant end,
                List<String> tweets,
                long first) {
            this.random = random;
            this.mentions = mentions;
            this.brands = brands;
            this.days = days;
            this.start = end.minus(Duration.ofDays(days));
            this.tweets = tweets;
            this.next = first;
            brandShare = new double[brands];
            for (int b = 0; b < brands; b++) {
                brandShare[b] = 1.0 / Math.pow(b + 1, 0.75);
            }
            incident = new boolean[brands][days];
            for (int b = 0; b < brands; b++) {
                for (int d = 0; d < days; d++) {
                    incident[b][d] = random.nextDouble() < 0.02;
                }
            }
            dayWeight = new double[days];
            for (int d = 0; d < days; d++) {
                var dow = start.plus(Duration.ofDays(d)).atZone(ZoneOffset.UTC).getDayOfWeek();
                double weekly = dow.getValue() >= 6 ? 0.7 : 1.0;
                // Slow growth over the year: a brand's audience grows.
                dayWeight[d] = weekly * (0.8 + 0.4 * d / days);
            }
        }

        static String brand(int b) {
            return String.format(Locale.ROOT, "hist-brand-%02d", b + 1);
        }

        static String facility(int b, int f) {
            return String.format(Locale.ROOT, "hist-brand-%02d-site-%d", b + 1, f + 1);
        }

        void load(Connection db, int chunk) throws SQLException, IOException {
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            double total = Arrays.stream(dayWeight).sum();
            long placed = 0;
            var mentionRows = new StringBuilder(1 << 24);
            var aspectRows = new StringBuilder(1 << 22);
            int rows = 0;
            long started = System.nanoTime();
            for (int d = 0; d < days; d++) {
                long target = Math.round(mentions * (cumulative(d + 1) / total));
                int count = (int) (target - placed);
                placed = target;
                var dayStart = start.plus(Duration.ofDays(d));
                var brandWeights = new double[brands];
                double sum = 0;
                for (int b = 0; b < brands; b++) {
                    sum += brandShare[b] * (incident[b][d] ? 4 : 1);
                    brandWeights[b] = sum;
                }
                var times = new long[count];
                for (int i = 0; i < count; i++) {
                    times[i] = dayStart.toEpochMilli() + offsetInDay();
                }
                Arrays.sort(times);
                for (int i = 0; i < count; i++) {
                    int b = pick(brandWeights, random.nextDouble() * sum);
                    row(mentionRows, aspectRows, b, times[i], incident[b][d]);
                    if (++rows == chunk) {
                        flush(copy, mentionRows, aspectRows);
                        rows = 0;
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.err.printf(
                                Locale.ROOT,
                                "%d mentions, %.0f s, %.0f/s%n",
                                next,
                                seconds,
                                next / seconds);
                    }
                }
            }
            flush(copy, mentionRows, aspectRows);
        }

        private double cumulative(int days) {
            double s = 0;
            for (int d = 0; d < days; d++) {
                s += dayWeight[d];
            }
            return s;
        }

        /** Milliseconds into the UTC day, following New York's waking hours (UTC-5). */
        private long offsetInDay() {
            while (true) {
                long ms = random.nextLong(86_400_000L);
                int localHour = (int) ((ms / 3_600_000L + 19) % 24);
                double weight =
                        localHour < 7 ? 0.15 : localHour < 9 ? 0.6 : localHour < 22 ? 1 : 0.4;
                if (random.nextDouble() < weight) {
                    return ms;
                }
            }
        }

        private static int pick(double[] cumulativeWeights, double x) {
            for (int i = 0; i < cumulativeWeights.length; i++) {
                if (x < cumulativeWeights[i]) {
                    return i;
                }
            }
            return cumulativeWeights.length - 1;
        }

        private void row(
                StringBuilder mentionRows,
                StringBuilder aspectRows,
                int b,
                long epochMilli,
                boolean incidentDay) {
            long n = next++;
            var id =
                    new UUID(
                            random.nextLong() & ~0xF000L | 0x4000L,
                            random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
            double u = random.nextDouble();
            double negativeShare = incidentDay ? 0.65 : 0.28;
            int label =
                    u < negativeShare ? 0 : u < negativeShare + (incidentDay ? 0.2 : 0.47) ? 1 : 2;
            double score = score(label);
            String facilityId = random.nextDouble() < 0.85 ? facility(b, pickFacility()) : null;
            String source = SOURCES[pick(cumulativeSourceShare(), random.nextDouble())];
            var time = TIME.format(Instant.ofEpochMilli(epochMilli));
            var scoredAt = TIME.format(Instant.ofEpochMilli(epochMilli + 2_000));
            var text = text(b, label, facilityId);
            boolean uncertain = random.nextDouble() < 0.05;
            mentionRows
                    .append(id)
                    .append(',')
                    .append(brand(b))
                    .append(',')
                    .append(facilityId == null ? "" : facilityId)
                    .append(',')
                    .append(source)
                    .append(",hist-")
                    .append(n)
                    .append(",https://hist.example/post/")
                    .append(n)
                    .append(',');
            csv(mentionRows, text);
            mentionRows
                    .append(',')
                    .append(time)
                    .append(',')
                    .append(score)
                    .append(',')
                    .append(LABELS[label])
                    .append(',')
                    .append(LABELS[label])
                    .append(',')
                    .append(score)
                    .append(",hist,")
                    .append(scoredAt)
                    .append(',')
                    .append(new UUID(random.nextLong(), random.nextLong()))
                    .append(',')
                    .append(uncertain)
                    .append(',')
                    .append(uncertain)
                    .append(',')
                    .append(random.nextDouble() < 0.04 ? "es" : "en")
                    .append('\n');
            double a = random.nextDouble();
            int aspects = a < 0.2 ? 2 : a < 0.6 ? 1 : 0;
            int first = random.nextInt(ASPECTS.length);
            for (int k = 0; k < aspects; k++) {
                int aspect = (first + k * 5) % ASPECTS.length;
                int aspectLabel = random.nextDouble() < 0.8 ? label : random.nextInt(3);
                double aspectScore = score(aspectLabel);
                aspectRows
                        .append(id)
                        .append(',')
                        .append(ASPECTS[aspect])
                        .append(',')
                        .append(LABELS[aspectLabel])
                        .append(',')
                        .append(aspectScore)
                        .append(',')
                        .append(LABELS[aspectLabel])
                        .append(',')
                        .append(aspectScore)
                        .append(',')
                        .append(brand(b))
                        .append(',')
                        .append(facilityId == null ? "" : facilityId)
                        .append(',')
                        .append(time)
                        .append(',')
                        .append(source)
                        .append('\n');
            }
        }

        private static double[] cumulativeSourceShare;

        private static double[] cumulativeSourceShare() {
            if (cumulativeSourceShare == null) {
                var c = new double[SOURCE_SHARE.length];
                double s = 0;
                for (int i = 0; i < c.length; i++) {
                    s += SOURCE_SHARE[i];
                    c[i] = s;
                }
                c[c.length - 1] = 1.0;
                cumulativeSourceShare = c;
            }
            return cumulativeSourceShare;
        }

        private int pickFacility() {
            double f = random.nextDouble();
            return f < 0.4 ? 0 : f < 0.7 ? 1 : f < 0.9 ? 2 : 3;
        }

        private double score(int label) {
            double s =
                    switch (label) {
                        case 0 -> -0.05 - 0.95 * random.nextDouble();
                        case 1 -> -0.2 + 0.4 * random.nextDouble();
                        default -> 0.05 + 0.95 * random.nextDouble();
                    };
            return Math.round(s * 10_000) / 10_000.0;
        }

        private String text(int b, int label, String facilityId) {
            if (!tweets.isEmpty() && random.nextDouble() < 0.3) {
                return tweets.get(random.nextInt(tweets.size()));
            }
            var pool = label == 0 ? NEGATIVE : label == 1 ? NEUTRAL : POSITIVE;
            var place =
                    facilityId != null ? facilityId.replace('-', ' ') : brand(b).replace('-', ' ');
            return OPENINGS[random.nextInt(OPENINGS.length)]
                    + " "
                    + place
                    + ": "
                    + pool[random.nextInt(pool.length)]
                    + (random.nextDouble() < 0.3 ? " #hospital" : "");
        }

        private static void csv(StringBuilder out, String value) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                if (c != 0) {
                    out.append(c);
                }
            }
            out.append('"');
        }

        private static void flush(
                org.postgresql.copy.CopyManager copy,
                StringBuilder mentionRows,
                StringBuilder aspectRows)
                throws SQLException, IOException {
            if (mentionRows.length() > 0) {
                copy.copyIn(
                        "copy scored_mention (mention_id, brand_id, facility_id, source,"
                                + " external_id, url, text, published_at, score, label, model_label,"
                                + " model_score, model_version, scored_at, scored_event_id,"
                                + " uncertain, model_uncertain, language) from stdin (format"
                                + " csv)",
                        new StringReader(mentionRows.toString()));
                mentionRows.setLength(0);
            }
            if (aspectRows.length() > 0) {
                copy.copyIn(
                        "copy mention_aspect (mention_id, aspect, label, score, model_label,"
                                + " model_score, brand_id, facility_id, published_at, source)"
                                + " from stdin (format csv)",
                        new StringReader(aspectRows.toString()));
                aspectRows.setLength(0);
            }
        }
    }
}
