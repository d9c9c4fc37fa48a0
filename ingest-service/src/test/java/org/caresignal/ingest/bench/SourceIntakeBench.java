package org.caresignal.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caresignal.ingest.domain.BrandMatcher.BrandMatch;
import org.caresignal.ingest.service.MentionIntakeService;
import org.caresignal.ingest.service.MentionIntakeService.MatchedPost;
import org.caresignal.ingest.service.NewMention;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.Test;

/**
 * How a connector's page is taken: each post through the intake on its own, inside the page's one
 * transaction (what {@code SourcePostIntake} did until 2026-12-04), against the whole page handed
 * to the intake at once (what it does now), on the test stack's real PostgreSQL, in interleaved
 * rounds of fresh posts. Prints posts/s (wall) and the calling thread's CPU per post for each, and
 * their ratio. Not part of the suite (its name ends in Bench); {@code ingest-service/intake-bench}
 * runs it.
 */
@QuarkusTest
class SourceIntakeBench extends TestStack {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 15);
    private static final int WARM_UP_ROUNDS = 5;

    /** A Mastodon page, and a stream's largest batch. */
    private static final int[] PAGE_SIZES = {40, 500};

    @Inject MentionIntakeService intake;
    @Inject EntityManager em;

    @Test
    void perPostAgainstPerPage() {
        var brand = Mentions.uniqueBrand();
        System.out.println(
                "| page size | per post: posts/s | per page: posts/s | ratio | per post: CPU µs"
                        + " per post | per page: CPU µs per post | ratio |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int size : PAGE_SIZES) {
            var perPost = new Arm();
            var perPage = new Arm();
            for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
                boolean measured = round >= WARM_UP_ROUNDS;
                // Alternating which goes first: a stall of the shared machine is not always one's.
                if (round % 2 == 0) {
                    perPost.time(posts(brand, size), this::eachOnItsOwn, measured);
                    perPage.time(posts(brand, size), intake::acceptMatched, measured);
                } else {
                    perPage.time(posts(brand, size), intake::acceptMatched, measured);
                    perPost.time(posts(brand, size), this::eachOnItsOwn, measured);
                }
            }
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "| %d | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |",
                            size,
                            perPost.postsPerSecond(size),
                            perPage.postsPerSecond(size),
                            perPage.postsPerSecond(size) / perPost.postsPerSecond(size),
                            perPost.cpuMicrosPerPost(size),
                            perPage.cpuMicrosPerPost(size),
                            perPost.cpuMicrosPerPost(size) / perPage.cpuMicrosPerPost(size)));
        }
        // Both ways took every post: the figures are of work done, not skipped.
        int total = 2 * (WARM_UP_ROUNDS + ROUNDS) * Arrays.stream(PAGE_SIZES).sum();
        assertThat(rowsOf(brand)).isEqualTo(total);
    }

    private void eachOnItsOwn(List<MatchedPost> posts) {
        for (var post : posts) {
            intake.acceptMatched(List.of(post));
        }
    }

    private long rowsOf(String brand) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                ((Number)
                                                em.createNativeQuery(
                                                                "select count(*) from"
                                                                        + " ingested_mention where"
                                                                        + " brand_id = ?1")
                                                        .setParameter(1, brand)
                                                        .getSingleResult())
                                        .longValue());
    }

    /** Fresh posts of the kind a connector pages through: a name, a phone number, a handle. */
    private static List<MatchedPost> posts(String brand, int n) {
        var out = new ArrayList<MatchedPost>(n);
        for (int i = 0; i < n; i++) {
            var id = UUID.randomUUID().toString();
            var text =
                    "Waited "
                            + (i % 9 + 2)
                            + " hours at Riverside North's ER tonight, nurse Carol was great but"
                            + " billing never called back on 555-010"
                            + (i % 10)
                            + ". Post "
                            + id;
            out.add(
                    new MatchedPost(
                            new NewMention(
                                    brand,
                                    null,
                                    "bench",
                                    id,
                                    "https://example.org/p/" + id,
                                    text,
                                    null,
                                    "@poster" + i,
                                    "Pat Poster"),
                            List.of(new BrandMatch(brand, "riverside-north"))));
        }
        return out;
    }

    /** One way of taking a page: the wall and CPU time of its measured rounds. */
    private static final class Arm {
        private final List<Long> wallNanos = new ArrayList<>();
        private final List<Long> cpuNanos = new ArrayList<>();

        void time(
                List<MatchedPost> posts,
                java.util.function.Consumer<List<MatchedPost>> take,
                boolean measured) {
            var threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> take.accept(posts));
            if (measured) {
                wallNanos.add(System.nanoTime() - start);
                cpuNanos.add(threads.getCurrentThreadCpuTime() - cpu);
            }
        }

        double postsPerSecond(int size) {
            return size / (median(wallNanos) / 1e9);
        }

        double cpuMicrosPerPost(int size) {
            return median(cpuNanos) / 1e3 / size;
        }

        private static double median(List<Long> values) {
            var sorted = values.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }
}
