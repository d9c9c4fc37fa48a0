package org.caresignal.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.caresignal.local.run.CareSignalSystem;

/**
 * The end-to-end pipeline benchmark ({@code deploy/local/pipeline-bench}): distinct posts of the
 * demo health system pushed through ingest-service's webhook ({@code POST /api/mentions/batch}),
 * flat out and at fixed rates, followed to sentiment-service's {@code mentions.scored.v1} and to
 * alert-service's counts; per run accepted/s, scored/s, counted/s, per-mention latency percentiles
 * acceptance→scored and acceptance→counted, loss, errors, CPU and peak heap per process; in the
 * same run the production scorer alone over the flat-out run's texts, and a last line {@code
 * pipeline_efficiency=<counted/s flat out ÷ scorer-alone posts/s>}. With {@code --sweep}, runs at
 * 25, 50, 75 and 100% of the flat-out capacity and draws latency against rate as a PNG.
 */
public final class PipelineBench {

    static final int MAX_BATCH = 250;
    static final String BRAND = "riverside-health";
    // The process row holding the model; with --target, the name given to its --metrics.
    static final String SENTIMENT_PROCESS = "sentiment-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    // Mentions a counting poll asks for (the oldest missing ones).
    static final int POLL_WINDOW = 500;

    static final String USAGE =
            """
            usage: deploy/local/pipeline-bench [--mentions N] [--warmup N] [--warmup-rate R] [--rates R,R,..]
                     [--duration S]
                     [--sweep] [--chart FILE.png] [--batch N] [--clients N] [--stall S] [--seed N]
                     [--no-scorer] [--statements N] [--data-dir DIR]
                   deploy/local/pipeline-bench --target --ingest-url URL --api-key KEY --kafka HOST:PORT
                     --ingest-jdbc URL --alert-jdbc URL [--metrics NAME=URL ...] [options above]
              --mentions N    mentions of the flat-out run (3000)
              --warmup N      mentions sent and counted first, not measured (20000: the JIT);
                              the scorer alone warms up on as many posts
              --warmup-rate R the warm-up's pace in mentions/s, in the flat-out run's requests
                              (150; 0: flat out)
              --rates R,..    fixed-rate runs (mentions/s), each lasting --duration seconds (60)
              --sweep         after the flat-out run, runs at 25, 50, 75 and 100% of its counted/s
              --sweep-shares P,..  the sweep's shares of that capacity in % (25,50,75,100)
              --chart FILE    where the sweep's latency chart goes (PNG)
              --batch N       mentions per request (flat out: 250; fixed rate: about 10 requests/s)
              --clients N     requests in flight at once (2)
              --stall S       a run ends when nothing more was counted for S seconds (120); what is
                              accepted and not counted by then is lost
              --no-scorer     skip the scorer-alone run (no pipeline_efficiency)
              --statements N  after the flat-out run, PostgreSQL's N statements with the most
                              execution time in it (pg_stat_statements; not with --target)
              --target        use a running system instead of starting one (JDBC URLs may carry
                              ?user=..&password=..; --metrics name=http://host:port/q/metrics per service)
            """;

    /** Command-line options. */
    record Options(
            Path repoRoot,
            Path dataDir,
            int mentions,
            int warmup,
            double warmupRate,
            List<Double> rates,
            double durationSeconds,
            boolean sweep,
            List<Double> sweepShares,
            Path chart,
            int batch,
            int clients,
            double stallSeconds,
            long seed,
            String scorerClasspath,
            int statements,
            boolean target,
            String ingestUrl,
            String apiKey,
            String kafka,
            String ingestJdbc,
            String alertJdbc,
            Map<String, String> metrics) {

        static Options parse(String[] args) {
            var repo = Path.of("").toAbsolutePath();
            Path data = null;
            int mentions = 3000;
            int warmup = 20000;
            double warmupRate = 150;
            var rates = new ArrayList<Double>();
            double duration = 60;
            boolean sweep = false;
            var shares = new ArrayList<Double>();
            Path chart = null;
            int batch = 0;
            int clients = 2;
            double stall = 120;
            long seed = System.currentTimeMillis();
            String scorer = null;
            boolean noScorer = false;
            int statements = 0;
            boolean target = false;
            String ingestUrl = null;
            String apiKey = System.getenv("CARESIGNAL_KEY");
            String kafka = null;
            String ingestJdbc = null;
            String alertJdbc = null;
            var metrics = new java.util.LinkedHashMap<String, String>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--data-dir" -> data = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--mentions" -> mentions = Integer.parseInt(value(args, ++i));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                    case "--warmup-rate" -> warmupRate = Double.parseDouble(value(args, ++i));
                    case "--rates" -> {
                        for (var r : value(args, ++i).split(",")) {
                            rates.add(Double.parseDouble(r.trim()));
                        }
                    }
                    case "--duration" -> duration = Double.parseDouble(value(args, ++i));
                    case "--sweep" -> sweep = true;
                    case "--sweep-shares" -> {
                        sweep = true;
                        for (var share : value(args, ++i).split(",")) {
                            shares.add(Double.parseDouble(share.trim()) / 100);
                        }
                    }
                    case "--chart" -> chart = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--batch" -> batch = Integer.parseInt(value(args, ++i));
                    case "--clients" -> clients = Integer.parseInt(value(args, ++i));
                    case "--stall" -> stall = Double.parseDouble(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--scorer-classpath" -> scorer = value(args, ++i);
                    case "--no-scorer" -> noScorer = true;
                    case "--statements" -> statements = Integer.parseInt(value(args, ++i));
                    case "--target" -> target = true;
                    case "--ingest-url" -> ingestUrl = value(args, ++i);
                    case "--api-key" -> apiKey = value(args, ++i);
                    case "--kafka" -> kafka = value(args, ++i);
                    case "--ingest-jdbc" -> ingestJdbc = value(args, ++i);
                    case "--alert-jdbc" -> alertJdbc = value(args, ++i);
                    case "--metrics" -> {
                        var pair = value(args, ++i).split("=", 2);
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("--metrics takes NAME=URL");
                        }
                        metrics.put(pair[0], pair[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (shares.isEmpty()) {
                shares.addAll(List.of(0.25, 0.5, 0.75, 1.0));
            }
            if (mentions < 1
                    || warmup < 0
                    || warmupRate < 0
                    || duration <= 0
                    || batch < 0
                    || batch > MAX_BATCH
                    || clients < 1
                    || stall <= 0
                    || statements < 0
                    || rates.stream().anyMatch(r -> r <= 0)
                    || shares.stream().anyMatch(r -> r <= 0)) {
                throw new IllegalArgumentException(
                        "counts, rates and durations must be positive, --batch at most "
                                + MAX_BATCH);
            }
            if (target
                    && (ingestUrl == null
                            || apiKey == null
                            || kafka == null
                            || ingestJdbc == null
                            || alertJdbc == null)) {
                throw new IllegalArgumentException(
                        "--target needs --ingest-url, --api-key (or CARESIGNAL_KEY), --kafka,"
                                + " --ingest-jdbc and --alert-jdbc");
            }
            if (target && statements > 0) {
                throw new IllegalArgumentException(
                        "--statements needs the benchmark's own PostgreSQL: not with --target");
            }
            if (chart != null && !sweep) {
                throw new IllegalArgumentException("--chart draws the --sweep: give both");
            }
            return new Options(
                    repo,
                    data == null ? repo.resolve(".data/pipeline-bench") : data,
                    mentions,
                    warmup,
                    warmupRate,
                    List.copyOf(rates),
                    duration,
                    sweep,
                    List.copyOf(shares),
                    chart,
                    batch,
                    clients,
                    stall,
                    seed,
                    noScorer ? null : scorer,
                    statements,
                    target,
                    ingestUrl,
                    apiKey,
                    kafka,
                    ingestJdbc,
                    alertJdbc,
                    Map.copyOf(metrics));
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** The figures of one run. */
    record RunResult(
            String name,
            double offeredRate,
            int sent,
            int accepted,
            int errors,
            int duplicates,
            int scored,
            int counted,
            double acceptedPerSecond,
            double scoredPerSecond,
            double countedPerSecond,
            Percentiles toScored,
            Percentiles toCounted,
            List<ProcessSampler.Usage> usage) {

        int lost() {
            return accepted - counted;
        }
    }

    private final Options options;
    private final BenchTarget target;
    private final ScoredObserver observer;
    private final ProcessSampler sampler;
    private final MentionTexts texts;
    private final String runTag;
    private final AtomicInteger sequence = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private PipelineBench(Options options, BenchTarget target) {
        this.options = options;
        this.target = target;
        this.observer = new ScoredObserver(target.kafkaBootstrapServers());
        this.sampler =
                new ProcessSampler(
                        target.services(),
                        target.postgresPid(),
                        "bench-jvm (load)",
                        target.ownsStack());
        this.texts = new MentionTexts(options.seed());
        this.runTag = Long.toString(options.seed(), 36);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        int status = 0;
        try (var target = connect(options)) {
            new PipelineBench(options, target).runAll();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // Kafka's and the HTTP client's threads would keep this JVM up.
        System.exit(status);
    }

    private static BenchTarget connect(Options o) {
        if (!o.target()) {
            return BenchTarget.start(o.repoRoot(), o.dataDir(), o.statements() > 0);
        }
        var services = new ArrayList<BenchTarget.Sampled>();
        o.metrics()
                .forEach(
                        (name, url) ->
                                services.add(
                                        new BenchTarget.Sampled(name, url, OptionalLong.empty())));
        return BenchTarget.running(
                o.ingestUrl(),
                o.apiKey(),
                o.kafka(),
                new BenchTarget.Database(o.ingestJdbc(), null, null),
                new BenchTarget.Database(o.alertJdbc(), null, null),
                services);
    }

    private void runAll() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        say(
                String.format(
                        Locale.ROOT,
                        "pipeline-bench cores=%d seed=%d %s",
                        cores,
                        options.seed(),
                        loadAverage()));
        var extraJvm = System.getenv(CareSignalSystem.JVM_OPTIONS_ENV);
        if (target.ownsStack() && extraJvm != null && !extraJvm.isBlank()) {
            say(CareSignalSystem.JVM_OPTIONS_ENV + "=" + extraJvm.strip());
        }
        if (options.warmup() > 0) {
            say("warm-up: " + options.warmup() + " mentions (not measured)...");
            // Paced, in the flat-out run's requests: every service then works the whole warm-up
            // long, as a deployed one does. Flat out, ingest-service takes the lot in a few
            // seconds and then waits; its compiler finishes in the measured run (see run K).
            var warm =
                    run(
                            "warm-up",
                            texts.next(options.warmup()),
                            options.warmupRate(),
                            options.batch() > 0 ? options.batch() : MAX_BATCH,
                            false);
            say(
                    String.format(
                            Locale.ROOT,
                            "warm-up: counted %d of %d",
                            warm.counted(),
                            warm.accepted()));
        }
        var results = new ArrayList<RunResult>();
        var flatPosts = texts.next(options.mentions());
        // The scorer alone just before and just after the flat-out run, on the same texts: a shared
        // machine's load drifts in minutes, and the mean of the two brackets the pipeline's run.
        Double before = null;
        if (options.scorerClasspath() != null) {
            before = scorerAlone(flatPosts, "before");
        }
        // Present only when --statements asked the benchmark's PostgreSQL to keep them.
        var statements = target.statements();
        statements.ifPresent(StatementStats::reset);
        var flat = run("flat-out", flatPosts, 0, options.batch(), true);
        results.add(flat);
        statements.ifPresent(
                s -> {
                    say(
                            "PostgreSQL statements of the flat-out run by execution time (nested:"
                                    + " run by a trigger or function):");
                    s.top(options.statements())
                            .forEach(row -> say(StatementStats.format(row, flat.counted())));
                });
        Double scorerRate = null;
        if (options.scorerClasspath() != null) {
            var after = scorerAlone(flatPosts, "after");
            scorerRate =
                    before == null || after == null
                            ? (before == null ? after : before)
                            : (before + after) / 2;
            say(
                    String.format(
                            Locale.ROOT,
                            "scorer alone: before=%s after=%s posts/s",
                            before,
                            after));
        }

        var rates = new ArrayList<>(options.rates());
        var sweepPoints = new ArrayList<LatencyChart.Point>();
        if (options.sweep()) {
            double capacity = flat.countedPerSecond();
            for (double share : options.sweepShares()) {
                rates.add(Math.max(0.5, Math.round(capacity * share * 10) / 10.0));
            }
        }
        for (int i = 0; i < rates.size(); i++) {
            double rate = rates.get(i);
            int count = (int) Math.max(1, Math.round(rate * options.durationSeconds()));
            var name =
                    options.sweep() && i >= options.rates().size()
                            ? "sweep-"
                                    + Math.round(
                                            100
                                                    * options.sweepShares()
                                                            .get(i - options.rates().size()))
                                    + "%"
                            : "rate-" + rate;
            var result = run(name, texts.next(count), rate, options.batch(), true);
            results.add(result);
            if (options.sweep() && i >= options.rates().size()) {
                sweepPoints.add(
                        new LatencyChart.Point(
                                rate,
                                result.toCounted().p50(),
                                result.toCounted().p95(),
                                result.toCounted().p99()));
            }
        }
        if (options.chart() != null && !sweepPoints.isEmpty()) {
            LatencyChart.write(
                    sweepPoints,
                    String.format(
                            Locale.ROOT,
                            "CareSignal pipeline: latency acceptance \u2192 counted (capacity %.1f/s, %d cores)",
                            flat.countedPerSecond(),
                            cores),
                    options.chart(),
                    900,
                    560);
            say("chart written to " + options.chart());
        }

        say("");
        say("summary (rates in mentions/s, latencies in ms acceptance->counted):");
        say(
                String.format(
                        Locale.ROOT,
                        "%-12s %8s %9s %9s %9s %7s %7s %7s %7s %5s %6s",
                        "run",
                        "offered",
                        "accepted",
                        "scored",
                        "counted",
                        "p50",
                        "p95",
                        "p99",
                        "max",
                        "lost",
                        "errors"));
        int errors = 0;
        int lost = 0;
        for (var r : results) {
            errors += r.errors();
            lost += r.lost();
            say(
                    String.format(
                            Locale.ROOT,
                            "%-12s %8s %9.1f %9.1f %9.1f %7d %7d %7d %7d %5d %6d",
                            r.name(),
                            r.offeredRate() == 0
                                    ? "flat"
                                    : String.format(Locale.ROOT, "%.1f", r.offeredRate()),
                            r.acceptedPerSecond(),
                            r.scoredPerSecond(),
                            r.countedPerSecond(),
                            r.toCounted().p50(),
                            r.toCounted().p95(),
                            r.toCounted().p99(),
                            r.toCounted().max(),
                            r.lost(),
                            r.errors()));
        }
        say("lost=" + lost + " errors=" + errors);
        say("flat-out " + cpuPerMention(flat));
        say("flat-out " + jitPerMention(flat));
        say("flat-out " + gcPerMention(flat));
        say(loadAverage());
        if (scorerRate != null) {
            say(
                    String.format(
                            Locale.ROOT,
                            "end_to_end_per_s=%.1f scorer_alone_per_s=%.1f (mean of before and after)",
                            flat.countedPerSecond(),
                            scorerRate));
            say(
                    String.format(
                            Locale.ROOT,
                            "pipeline_efficiency=%.2f",
                            flat.countedPerSecond() / scorerRate));
            say(efficiencyCeiling(flat, scorerRate, Runtime.getRuntime().availableProcessors()));
        } else {
            say("pipeline_efficiency=n/a (scorer-alone run skipped)");
        }
        observer.close();
    }

    /** Sends the posts, waits until they are counted (or stall), and reports. */
    private RunResult run(
            String name, List<MentionTexts.Post> posts, double rate, int batchSize, boolean report)
            throws Exception {
        var plan = PacingPlan.of(posts.size(), rate, batchSize, MAX_BATCH);
        say("");
        say(
                String.format(
                        Locale.ROOT,
                        "run %s: %d mentions, %s, %d requests of up to %d",
                        name,
                        posts.size(),
                        rate == 0 ? "flat out" : String.format(Locale.ROOT, "%.1f/s", rate),
                        plan.batches().size(),
                        plan.batches().isEmpty() ? 0 : plan.batches().get(0).size()));
        var ids = new UUID[posts.size()];
        var errors = new AtomicInteger();
        var duplicates = new AtomicInteger();
        var late = new AtomicInteger();
        var published = Instant.now().toString();
        int first = sequence.getAndAdd(posts.size());
        if (report) {
            sampler.start();
        }
        long startMs = System.currentTimeMillis();
        long start = System.nanoTime();
        var next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        try {
            var workers = new ArrayList<Future<?>>();
            for (int c = 0; c < options.clients(); c++) {
                workers.add(
                        pool.submit(
                                () -> {
                                    for (int i = next.getAndIncrement();
                                            i < plan.batches().size();
                                            i = next.getAndIncrement()) {
                                        var batch = plan.batches().get(i);
                                        long wait = start + batch.dueNanos() - System.nanoTime();
                                        if (wait > 0) {
                                            TimeUnit.NANOSECONDS.sleep(wait);
                                        } else if (rate > 0 && wait < -1_000_000_000L) {
                                            late.incrementAndGet();
                                        }
                                        post(
                                                posts,
                                                batch,
                                                first,
                                                published,
                                                ids,
                                                errors,
                                                duplicates);
                                    }
                                    return null;
                                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        var acceptedIds = Arrays.stream(ids).filter(java.util.Objects::nonNull).toList();
        Map<UUID, Long> acceptedAt;
        try (var ingestDb = open(target.ingestDb())) {
            acceptedAt =
                    readTimes(
                            ingestDb,
                            "select mention_id, accepted_at from ingested_mention where mention_id = any(?)",
                            acceptedIds);
        }
        var countedAt = new HashMap<UUID, Long>();
        long lastProgress = System.nanoTime();
        long lastSay = System.nanoTime();
        // One connection for the whole wait: a new one each poll would cost PostgreSQL a backend
        // start every half second, CPU the run counts as the pipeline's.
        try (var alertDb = open(target.alertDb())) {
            while (countedAt.size() < acceptedIds.size()) {
                var missing =
                        acceptedIds.stream().filter(id -> !countedAt.containsKey(id)).toList();
                // Each poll asks for the oldest missing mentions only: counted_at is the
                // database's, so polling later loses no precision, and asking for every missing
                // one twice a second cost PostgreSQL 0.08 ms per mention (run K), charged to the
                // pipeline. All of them are asked for before a stall is called.
                var found =
                        readCounted(
                                alertDb, missing.subList(0, Math.min(POLL_WINDOW, missing.size())));
                if (found.isEmpty() && missing.size() > POLL_WINDOW) {
                    found = readCounted(alertDb, missing);
                }
                if (!found.isEmpty()) {
                    countedAt.putAll(found);
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > options.stallSeconds() * 1e9) {
                    break;
                }
                if (System.nanoTime() - lastSay > 15e9) {
                    say(
                            String.format(
                                    Locale.ROOT,
                                    "  ... %d of %d counted after %.0f s",
                                    countedAt.size(),
                                    acceptedIds.size(),
                                    (System.nanoTime() - start) / 1e9));
                    lastSay = System.nanoTime();
                }
                Thread.sleep(500);
            }
        }
        // The observer reads the scored topic a moment after it is written.
        long observerDeadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < observerDeadline
                && countedAt.keySet().stream().anyMatch(id -> observer.scoredAt(id) == null)) {
            Thread.sleep(200);
        }
        var usage = report ? sampler.stop() : List.<ProcessSampler.Usage>of();

        long maxAccepted = startMs;
        long maxScored = startMs;
        long maxCounted = startMs;
        var toScored = new ArrayList<Long>();
        var toCounted = new ArrayList<Long>();
        int scored = 0;
        for (var id : acceptedIds) {
            Long accepted = acceptedAt.get(id);
            if (accepted == null) {
                continue;
            }
            maxAccepted = Math.max(maxAccepted, accepted);
            Long s = observer.scoredAt(id);
            if (s != null) {
                scored++;
                maxScored = Math.max(maxScored, s);
                toScored.add(s - accepted);
            }
            Long c = countedAt.get(id);
            if (c != null) {
                maxCounted = Math.max(maxCounted, c);
                toCounted.add(c - accepted);
            }
        }
        var result =
                new RunResult(
                        name,
                        rate,
                        posts.size(),
                        acceptedIds.size(),
                        errors.get(),
                        duplicates.get(),
                        scored,
                        countedAt.size(),
                        perSecond(acceptedAt.size(), maxAccepted - startMs),
                        perSecond(scored, maxScored - startMs),
                        perSecond(countedAt.size(), maxCounted - startMs),
                        Percentiles.of(toScored.stream().mapToLong(Long::longValue).toArray()),
                        Percentiles.of(toCounted.stream().mapToLong(Long::longValue).toArray()),
                        usage);
        if (report) {
            print(result, sendSeconds, late.get());
            say("  " + sampler.machine());
        }
        return result;
    }

    private static Map<UUID, Long> readCounted(Connection alertDb, List<UUID> ids)
            throws SQLException {
        return readTimes(
                alertDb,
                "select mention_id, counted_at from counted_mention where mention_id = any(?)",
                ids);
    }

    static double perSecond(int count, long millis) {
        return millis <= 0 ? 0 : count * 1000.0 / millis;
    }

    private void print(RunResult r, double sendSeconds, int late) {
        say(
                String.format(
                        Locale.ROOT,
                        "  sent=%d accepted=%d duplicates=%d errors=%d scored=%d counted=%d lost=%d (send took %.1f s%s)",
                        r.sent(),
                        r.accepted(),
                        r.duplicates(),
                        r.errors(),
                        r.scored(),
                        r.counted(),
                        r.lost(),
                        sendSeconds,
                        late > 0 ? ", " + late + " requests over 1 s late" : ""));
        say(
                String.format(
                        Locale.ROOT,
                        "  accepted_per_s=%.1f scored_per_s=%.1f counted_per_s=%.1f",
                        r.acceptedPerSecond(),
                        r.scoredPerSecond(),
                        r.countedPerSecond()));
        say(latency("accepted->scored ", r.toScored()));
        say(latency("accepted->counted", r.toCounted()));
        for (var u : r.usage()) {
            say(
                    String.format(
                            Locale.ROOT,
                            "  process %-24s cpu_cores=%s cpu_ms_per_mention=%s of_which_jit=%s"
                                    + " of_which_gc=%s peak_heap_mb=%s",
                            u.name(),
                            u.cpuCores() < 0
                                    ? "n/a"
                                    : String.format(Locale.ROOT, "%.2f", u.cpuCores()),
                            u.cpuSeconds() < 0 ? "n/a" : ms(u.cpuMsPer(r.counted())),
                            u.jitSeconds() < 0 ? "n/a" : ms(u.jitMsPer(r.counted())),
                            u.gcSeconds() < 0 ? "n/a" : ms(u.gcMsPer(r.counted())),
                            u.peakHeapMb() < 0 ? "n/a" : Long.toString(u.peakHeapMb())));
        }
        say("  " + cpuPerMention(r));
        say("  " + jitPerMention(r));
        say("  " + gcPerMention(r));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * The JIT compilers' share of {@link #cpuPerMention}, per JVM and in all: CPU a long-running
     * service no longer spends, so a run whose total here is large measured a pipeline still
     * warming up.
     */
    static String jitPerMention(RunResult r) {
        return sharePerMention("jit_ms_per_mention", r, u -> u.jitMsPer(r.counted()));
    }

    /** The garbage collectors' share of {@link #cpuPerMention}, per JVM and in all. */
    static String gcPerMention(RunResult r) {
        return sharePerMention("gc_ms_per_mention", r, u -> u.gcMsPer(r.counted()));
    }

    /** {@code share} of each JVM whose share is known, per counted mention, and their total. */
    private static String sharePerMention(
            String label, RunResult r, ToDoubleFunction<ProcessSampler.Usage> share) {
        var line = new StringBuilder(label);
        double total = 0;
        for (var u : r.usage()) {
            double value = share.applyAsDouble(u);
            if (value >= 0) {
                line.append(' ').append(u.name().replace(' ', '_')).append('=').append(ms(value));
                total += value;
            }
        }
        return line.append(" total=").append(ms(total)).toString();
    }

    /**
     * CPU milliseconds per counted mention of each process and their total: CPU time does not
     * depend on how busy the shared machine was, the wall-clock rates do.
     */
    static String cpuPerMention(RunResult r) {
        var line = new StringBuilder("cpu_ms_per_mention");
        double total = 0;
        boolean complete = true;
        for (var u : r.usage()) {
            double ms = u.cpuMsPer(r.counted());
            line.append(' ').append(u.name().replace(' ', '_')).append('=');
            if (ms < 0) {
                line.append("n/a");
                complete = false;
            } else {
                line.append(String.format(Locale.ROOT, "%.2f", ms));
                total += ms;
            }
        }
        line.append(complete ? String.format(Locale.ROOT, " total=%.2f", total) : " total=n/a");
        return line.toString();
    }

    /**
     * The most {@code pipeline_efficiency} the run's other processes leave room for: the model's
     * CPU per post alone (the scorer alone keeps every core busy, so cores over its rate) against
     * that plus what every process but sentiment-service spent per counted mention. Were
     * sentiment-service to cost exactly the model and the machine to be fully used, the ratio would
     * be this; a target above it is out of reach whatever sentiment-service does, because of what
     * the other processes take.
     */
    static String efficiencyCeiling(RunResult flat, double scorerPerSecond, int cores) {
        if (scorerPerSecond <= 0) {
            return "efficiency_ceiling=n/a (no scorer-alone rate)";
        }
        if (flat.usage().stream().noneMatch(u -> u.name().equals(SENTIMENT_PROCESS))) {
            return "efficiency_ceiling=n/a (no " + SENTIMENT_PROCESS + " row)";
        }
        double others = 0;
        for (var u : flat.usage()) {
            double ms = u.cpuMsPer(flat.counted());
            if (ms < 0) {
                return "efficiency_ceiling=n/a (" + u.name() + "'s CPU is not known)";
            }
            if (!u.name().equals(SENTIMENT_PROCESS)) {
                others += ms;
            }
        }
        double model = cores * 1000.0 / scorerPerSecond;
        return String.format(
                Locale.ROOT,
                "efficiency_ceiling=%.2f (the model alone %.2f ms per post, every other process"
                        + " %.2f ms per counted mention: the ratio were sentiment-service to cost"
                        + " only the model)",
                model / (model + others),
                model,
                others);
    }

    private static String latency(String what, Percentiles p) {
        return String.format(
                Locale.ROOT,
                "  latency_ms %s p50=%d p95=%d p99=%d max=%d (n=%d)",
                what,
                p.p50(),
                p.p95(),
                p.p99(),
                p.max(),
                p.count());
    }

    /** Posts one batch; records each accepted item's mention id. */
    private void post(
            List<MentionTexts.Post> posts,
            PacingPlan.Batch batch,
            int first,
            String published,
            UUID[] ids,
            AtomicInteger errors,
            AtomicInteger duplicates)
            throws InterruptedException {
        var body = JSON.createObjectNode();
        var items = body.putArray("mentions");
        for (int i = batch.from(); i < batch.to(); i++) {
            var post = posts.get(i);
            var item = items.addObject();
            item.put("brandId", BRAND);
            if (post.facilityId() != null) {
                item.put("facilityId", post.facilityId());
            }
            item.put("source", "webhook");
            item.put("externalId", "pipeline-bench-" + runTag + "-" + (first + i));
            item.put("text", post.text());
            item.put("publishedAt", published);
        }
        var request =
                HttpRequest.newBuilder(URI.create(target.ingestUrl() + "/api/mentions/batch"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + target.apiKey())
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .timeout(Duration.ofSeconds(120))
                        .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                errors.addAndGet(batch.size());
                System.err.println(
                        "batch refused ("
                                + response.statusCode()
                                + "): "
                                + abbreviated(response.body()));
                return;
            }
            for (var result : JSON.readTree(response.body()).path("results")) {
                int index = batch.from() + result.path("index").asInt();
                switch (result.path("status").asText()) {
                    case "accepted" ->
                            ids[index] = UUID.fromString(result.path("mentionId").asText());
                    case "duplicate" -> duplicates.incrementAndGet();
                    default -> {
                        errors.incrementAndGet();
                        System.err.println("item rejected: " + abbreviated(result.toString()));
                    }
                }
            }
        } catch (IOException e) {
            errors.addAndGet(batch.size());
            System.err.println("batch failed: " + e);
        }
    }

    private static String abbreviated(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static Connection open(BenchTarget.Database db) throws SQLException {
        return db.user() == null
                ? DriverManager.getConnection(db.jdbcUrl())
                : DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** mention id -> epoch ms of the query's second column, for the ids given. */
    private static Map<UUID, Long> readTimes(Connection connection, String sql, List<UUID> ids)
            throws SQLException {
        var times = new HashMap<UUID, Long>();
        if (ids.isEmpty()) {
            return times;
        }
        try (var statement = connection.prepareStatement(sql)) {
            for (int from = 0; from < ids.size(); from += 5000) {
                var chunk = ids.subList(from, Math.min(ids.size(), from + 5000));
                statement.setArray(1, connection.createArrayOf("uuid", chunk.toArray()));
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        times.put(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli());
                    }
                }
            }
        }
        return times;
    }

    /**
     * The production scorer alone over the same texts, in a JVM of its own on all cores, while the
     * stack stands idle.
     */
    private Double scorerAlone(List<MentionTexts.Post> posts, String when)
            throws IOException, InterruptedException {
        var file = options.dataDir().resolve("scorer-texts.txt");
        Files.createDirectories(file.getParent());
        Files.write(
                file, posts.stream().map(MentionTexts.Post::text).toList(), StandardCharsets.UTF_8);
        say("");
        say(
                "scorer alone ("
                        + when
                        + " the flat-out run): the production scorer over its "
                        + posts.size()
                        + " texts, all cores...");
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The service's own heap and collector settings.
        command.addAll(CareSignalSystem.SENTIMENT_JVM);
        command.addAll(
                List.of(
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp",
                        options.scorerClasspath(),
                        "org.caresignal.sentiment.tools.ScorerRateTool",
                        file.toString(),
                        Integer.toString(Runtime.getRuntime().availableProcessors()),
                        // As warm as the services: as many posts before it is measured.
                        Integer.toString(Math.max(40, options.warmup()))));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Double rate = null;
        try (var reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            var jvm = new JvmThreads(process.pid());
            while ((line = reader.readLine()) != null) {
                if (line.equals("scorer_alone measuring")) {
                    jvm.start();
                    continue;
                }
                if (line.startsWith("posts_per_s=")) {
                    rate = Double.parseDouble(line.substring("posts_per_s=".length()));
                    say(
                            String.format(
                                    Locale.ROOT,
                                    "  scorer_alone jit_ms_per_post=%.2f gc_ms_per_post=%.2f",
                                    jvm.nanos(JvmThreads.Kind.JIT) / 1e6 / posts.size(),
                                    jvm.nanos(JvmThreads.Kind.GC) / 1e6 / posts.size()));
                }
                if (line.startsWith("posts_per_s=") || line.startsWith("scorer_alone")) {
                    say("  " + line);
                }
            }
        }
        if (process.waitFor() != 0 || rate == null) {
            System.err.println("the scorer-alone run failed (exit " + process.exitValue() + ")");
            return null;
        }
        return rate;
    }

    static String loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load_average=" + parts[0] + "," + parts[1] + "," + parts[2];
        } catch (IOException | RuntimeException e) {
            return "load_average=n/a";
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
