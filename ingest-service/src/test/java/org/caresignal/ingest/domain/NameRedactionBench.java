package org.caresignal.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.ingest.support.NameTable;

/**
 * Prints the Redactor's throughput in posts per second on the name table's posts, with and without
 * the name rules, in the same run (rounds interleaved, the best round of each kept): the cost
 * figure of docs/privacy.md#names. Run with {@code ingest-service/name-bench}.
 */
public final class NameRedactionBench {

    private NameRedactionBench() {}

    public static void main(String[] args) {
        var posts = new ArrayList<String>();
        NameTable.posts().forEach(p -> posts.add(p.text()));
        NameTable.holdout().forEach(p -> posts.add(p.text()));
        int repeat = 50;
        // Warm-up, so the JIT has compiled both paths before they are timed.
        for (int i = 0; i < 20; i++) {
            run(posts, true);
            run(posts, false);
        }
        double with = 0;
        double without = 0;
        for (int round = 0; round < 10; round++) {
            without = Math.max(without, rate(posts, false, repeat));
            with = Math.max(with, rate(posts, true, repeat));
        }
        double chars = posts.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "%d posts (%.0f characters on average), best of 10 rounds of %d passes each:%n",
                posts.size(),
                chars,
                repeat);
        System.out.printf(Locale.ROOT, "Redactor without names: %,.0f posts/s%n", without);
        System.out.printf(Locale.ROOT, "Redactor with names:    %,.0f posts/s%n", with);
        System.out.printf(
                Locale.ROOT,
                "names add %.1f µs per post (%.0f%% of the redaction time)%n",
                1e6 / with - 1e6 / without,
                100 * (1 / with - 1 / without) / (1 / with));
    }

    private static double rate(List<String> posts, boolean names, int repeat) {
        long start = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            run(posts, names);
        }
        long took = System.nanoTime() - start;
        return posts.size() * (double) repeat / (took / 1e9);
    }

    private static int run(List<String> posts, boolean names) {
        int sink = 0;
        for (var post : posts) {
            sink += Redactor.redact(post, names).text().length();
        }
        return sink;
    }
}
