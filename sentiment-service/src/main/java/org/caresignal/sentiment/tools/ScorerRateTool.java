package org.caresignal.sentiment.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The scorer alone, for deploy/local's pipeline benchmark: a file of posts (one per line) in, the
 * production scorer (its production settings) over them on one thread per core after a warm-up, and
 * a last line {@code posts_per_s=<rate>}, the rate the end-to-end pipeline is compared with.
 */
public final class ScorerRateTool {

    private static final int DEFAULT_WARM_UP_POSTS = 40;

    private ScorerRateTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: ScorerRateTool TEXTS.txt [THREADS [WARM_UP_POSTS]]");
            System.exit(2);
        }
        var posts =
                Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank())
                        .toList();
        int threads =
                args.length >= 2
                        ? Integer.parseInt(args[1])
                        : Runtime.getRuntime().availableProcessors();
        int warmUp = args.length == 3 ? Integer.parseInt(args[2]) : DEFAULT_WARM_UP_POSTS;
        var scorer = Scorers.productionScorer();
        // Warm-up on the posts' reversed word order: the JIT sees the same kind of text, the cache
        // none of the measured texts. On all threads, as measured: a longer warm-up is only worth
        // its time if the JIT gets to compile what the measured threads run.
        var warmUpPosts = new ArrayList<String>();
        for (int i = 0; i < warmUp && !posts.isEmpty(); i++) {
            var words = new ArrayList<>(List.of(posts.get(i % posts.size()).split(" ")));
            Collections.reverse(words);
            // Rounds past the first shift the words too, so that no warm-up text repeats.
            Collections.rotate(words, i / posts.size());
            warmUpPosts.add(String.join(" ", words));
        }
        var warmUpPool = Executors.newFixedThreadPool(threads);
        BenchmarkTool.timed(warmUpPool, threads, scorer::score, warmUpPosts);
        warmUpPool.shutdown();
        scorer.clearCache();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        // The pipeline benchmark measures this JVM's JIT from here on.
        System.out.println("scorer_alone measuring");
        System.out.flush();
        var pool = Executors.newFixedThreadPool(threads);
        long nanos = BenchmarkTool.timed(pool, threads, scorer::score, posts);
        pool.shutdown();
        long peak = 0;
        for (MemoryPoolMXBean heap : ManagementFactory.getMemoryPoolMXBeans()) {
            if (heap.getType() == MemoryType.HEAP) {
                peak += heap.getPeakUsage().getUsed();
            }
        }
        double seconds = nanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "scorer_alone threads=%d posts=%d seconds=%.1f cache_hits=%d peak_heap_mb=%d%n",
                threads,
                posts.size(),
                seconds,
                scorer.cacheHits(),
                peak >> 20);
        System.out.printf(Locale.ROOT, "posts_per_s=%.1f%n", posts.size() / seconds);
    }
}
