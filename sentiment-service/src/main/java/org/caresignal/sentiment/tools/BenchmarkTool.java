package org.caresignal.sentiment.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.caresignal.sentiment.domain.Sentiment;

/**
 * The {@code sentiment-service/benchmark} command: a {@code label<TAB>text} corpus in; the stock
 * pipeline and the production scorer (its production settings: the cache, the limits) scored over
 * it on one thread and then on one thread per core, taking turns slice by slice after each has
 * warmed up for a time of its own ({@code --warmup-seconds}, 30 s); posts/s, peak heap, the
 * speedups one thread against one thread and all cores against all cores, and the last line {@code
 * speedup=<ratio>}: production on all cores against stock on one thread, the figure the service's
 * speed target has been stated in since the stock pipeline was what it ran.
 */
public final class BenchmarkTool {

    // Time, not a post count: the production scorer takes a few ms a post and the stock pipeline
    // a hundred, so a count that warms one leaves the other cold. 40 posts (the earlier warm-up)
    // left production at about half its warm speed (ScorerRateTool: 203 posts/s after 40, 361
    // after 3,000, docs/benchmarks.md run H); its C2 compilations take tens of seconds.
    private static final double DEFAULT_WARM_UP_SECONDS = 30;

    private BenchmarkTool() {}

    public static void main(String[] args) throws Exception {
        double duplicates = 0;
        int limit = Integer.MAX_VALUE;
        double warmUpSeconds = DEFAULT_WARM_UP_SECONDS;
        String corpus = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--duplicates" -> duplicates = Double.parseDouble(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmUpSeconds = Double.parseDouble(args[++i]);
                default -> {
                    if (args[i].startsWith("--") || corpus != null) {
                        usage("unexpected argument " + args[i]);
                    }
                    corpus = args[i];
                }
            }
        }
        if (corpus == null || duplicates < 0 || duplicates > 1 || warmUpSeconds < 0) {
            usage(
                    "expected CORPUS.tsv, a --duplicates share between 0 and 1 and --warmup-seconds"
                            + " not negative");
        }
        var unique = LabelledText.read(Path.of(corpus)).stream().map(LabelledText::text).toList();
        unique = unique.subList(0, Math.min(limit, unique.size()));
        var posts = withDuplicates(unique, duplicates);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "corpus=%s posts=%d unique=%d duplicates=%.2f cores=%d max_heap_mb=%d%n",
                Path.of(corpus).getFileName(),
                posts.size(),
                unique.size(),
                duplicates,
                cores,
                Runtime.getRuntime().maxMemory() >> 20);

        // One thread against one thread is the speed per core; all cores against all cores shows
        // how each scales. Both scorers are loaded first and take turns slice by slice (see race),
        // so that a ratio survives the load of a shared machine changing during the run.
        var stockScorer = Scorers.stock();
        var production = Scorers.productionScorer();
        Function<String, Sentiment> productionScorer = t -> production.score(t).sentiment();

        // Each scorer warms up on its own for the time given, on the posts' reversed word order:
        // the JIT sees the same kind of text, the cache none of the measured texts.
        var warmUp = posts.stream().map(BenchmarkTool::reversed).toList();
        warmUp("stock", stockScorer, () -> {}, warmUp, warmUpSeconds);
        warmUp("production", productionScorer, production::clearCache, warmUp, warmUpSeconds);
        production.clearCache();

        var one = race(stockScorer, productionScorer, production::clearCache, posts, 1);
        System.out.printf(
                Locale.ROOT, "production threads=1 cache_hits=%d%n", production.cacheHits());
        var all =
                cores > 1
                        ? race(stockScorer, productionScorer, production::clearCache, posts, cores)
                        : one;
        System.out.printf(Locale.ROOT, "production cache_hits=%d%n", production.cacheHits());
        var stockOne = one.stock();
        var productionOne = one.production();
        var stockAll = all.stock();
        var productionAll = all.production();

        System.out.printf(
                Locale.ROOT,
                "one_thread posts_per_s: stock=%.1f production=%.1f%n",
                stockOne.postsPerSecond(),
                productionOne.postsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "all_cores posts_per_s: stock=%.1f production=%.1f (threads=%d; scaling stock=%.2f"
                        + " production=%.2f)%n",
                stockAll.postsPerSecond(),
                productionAll.postsPerSecond(),
                cores,
                stockAll.postsPerSecond() / stockOne.postsPerSecond(),
                productionAll.postsPerSecond() / productionOne.postsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "speedup_per_core=%.2f%n",
                productionOne.postsPerSecond() / stockOne.postsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "speedup_all_cores=%.2f%n",
                productionAll.postsPerSecond() / stockAll.postsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "speedup=%.2f%n",
                productionAll.postsPerSecond() / stockOne.postsPerSecond());
    }

    record Run(double postsPerSecond) {}

    record Race(Run stock, Run production) {}

    /** Posts per thread in one slice of a race. */
    private static final int SLICE_PER_THREAD = 20;

    /**
     * Times both scorers on the posts with {@code threads} scorers at a time, taking turns: the
     * stock pipeline scores a slice, then the production scorer the same slice, and so on. A busy
     * machine slowing down or speeding up during the run then weighs on both alike, which two runs
     * one after the other (minutes apart for the stock pipeline) did not ensure.
     */
    private static Race race(
            Function<String, Sentiment> stock,
            Function<String, Sentiment> production,
            Runnable clearProductionCache,
            List<String> posts,
            int threads)
            throws Exception {
        clearProductionCache.run();
        System.gc();
        resetPeaks();
        var pool = Executors.newFixedThreadPool(threads);
        long stockNanos = 0;
        long productionNanos = 0;
        try {
            int slice = SLICE_PER_THREAD * threads;
            for (int from = 0; from < posts.size(); from += slice) {
                var part = posts.subList(from, Math.min(from + slice, posts.size()));
                stockNanos += timed(pool, threads, stock, part);
                productionNanos += timed(pool, threads, production, part);
            }
        } finally {
            pool.shutdown();
        }
        long peakHeap = peakHeap();
        var race =
                new Race(
                        report("stock", threads, posts.size(), stockNanos),
                        report("production", threads, posts.size(), productionNanos));
        System.out.printf(
                Locale.ROOT,
                "threads=%d peak_heap_mb=%d (both scorers)%n",
                threads,
                peakHeap >> 20);
        return race;
    }

    /**
     * Scores the texts round and round on one thread until {@code seconds} have passed, calling
     * {@code lapDone} after each round (a cache emptied, so that the next round is scored again).
     */
    static int warmUp(
            String name,
            Function<String, ?> scorer,
            Runnable lapDone,
            List<String> texts,
            double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int scored = 0;
        while (!texts.isEmpty() && System.nanoTime() < end) {
            scorer.apply(texts.get(scored % texts.size()));
            scored++;
            if (scored % texts.size() == 0) {
                lapDone.run();
            }
        }
        System.out.printf(
                Locale.ROOT, "warm_up %s: posts=%d seconds=%.0f%n", name, scored, seconds);
        return scored;
    }

    private static Run report(String name, int threads, int posts, long nanos) {
        double seconds = nanos / 1e9;
        double rate = posts / seconds;
        System.out.printf(
                Locale.ROOT,
                "%s: threads=%d posts=%d seconds=%.1f posts_per_s=%.1f%n",
                name,
                threads,
                posts,
                seconds,
                rate);
        return new Run(rate);
    }

    /**
     * Scores the posts with exactly {@code threads} scorers at a time, each taking the next post,
     * and returns the wall time. (The earlier pool let the submitting thread score too whenever its
     * queue was full: one scorer more than asked, two for "one thread".)
     */
    static long timed(
            ExecutorService pool, int threads, Function<String, ?> scorer, List<String> posts)
            throws Exception {
        var next = new AtomicInteger();
        long start = System.nanoTime();
        var workers = new ArrayList<Future<?>>();
        for (int t = 0; t < threads; t++) {
            workers.add(
                    pool.submit(
                            () -> {
                                for (int i = next.getAndIncrement();
                                        i < posts.size();
                                        i = next.getAndIncrement()) {
                                    scorer.apply(posts.get(i));
                                }
                            }));
        }
        for (var worker : workers) {
            worker.get(2, TimeUnit.HOURS);
        }
        return System.nanoTime() - start;
    }

    static List<String> withDuplicates(List<String> unique, double share) {
        var posts = new ArrayList<>(unique);
        var random = new Random(7);
        int extra = (int) Math.round(share * unique.size());
        for (int i = 0; i < extra; i++) {
            posts.add(unique.get(random.nextInt(unique.size())));
        }
        Collections.shuffle(posts, random);
        return posts;
    }

    private static String reversed(String text) {
        var words = new ArrayList<>(List.of(text.split(" ")));
        Collections.reverse(words);
        return String.join(" ", words);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: benchmark CORPUS.tsv [--duplicates 0.3] [--limit N] [--warmup-seconds 30]");
        System.exit(2);
    }
}
