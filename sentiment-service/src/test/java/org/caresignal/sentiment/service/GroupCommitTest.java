package org.caresignal.sentiment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.caresignal.sentiment.service.GroupCommit.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plain JUnit: batching, per-item and per-batch failures, the batch limit. */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void itemsThatWaitTogetherAreWrittenInOneBatchEachWithItsOwnResult() throws Exception {
        var batches = new CopyOnWriteArrayList<List<Integer>>();
        var firstWriting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var commit =
                new GroupCommit<Integer, String>(
                        "test",
                        10,
                        items -> {
                            batches.add(items);
                            if (batches.size() == 1) {
                                firstWriting.countDown();
                                await(release);
                            }
                            return items.stream().map(i -> Outcome.of("r" + i)).toList();
                        })) {
            var first = callers.submit(() -> commit.submit(0));
            firstWriting.await(30, TimeUnit.SECONDS);
            // While the first batch is being written, seven more arrive: they form the next one.
            var rest = new ArrayList<Future<String>>();
            for (int i = 1; i <= 7; i++) {
                int item = i;
                rest.add(callers.submit(() -> commit.submit(item)));
            }
            awaitQueued(commit, rest);
            release.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("r0");
            for (int i = 0; i < rest.size(); i++) {
                assertThat(rest.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("r" + (i + 1));
            }
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
        }
    }

    @Test
    void aFailedItemFailsAloneAndAFailedBatchFailsAll() {
        try (var commit =
                new GroupCommit<Integer, Integer>(
                        "test",
                        10,
                        items -> {
                            if (items.contains(-1)) {
                                throw new IllegalStateException("batch lost");
                            }
                            return items.stream()
                                    .map(
                                            i ->
                                                    i == 13
                                                            ? Outcome.<Integer>failed(
                                                                    new IllegalArgumentException(
                                                                            "bad " + i))
                                                            : Outcome.of(i * 2))
                                    .toList();
                        })) {
            assertThat(commit.submit(4)).isEqualTo(8);
            assertThatThrownBy(() -> commit.submit(13))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad 13");
            assertThatThrownBy(() -> commit.submit(-1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("batch lost");
            assertThat(commit.submit(5)).isEqualTo(10);
        }
    }

    @Test
    void aBatchIsNeverLargerThanItsLimit() throws Exception {
        var sizes = new CopyOnWriteArrayList<Integer>();
        var firstWriting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var commit =
                new GroupCommit<Integer, Integer>(
                        "test",
                        3,
                        items -> {
                            sizes.add(items.size());
                            if (sizes.size() == 1) {
                                firstWriting.countDown();
                                await(release);
                            }
                            return items.stream().map(Outcome::of).toList();
                        })) {
            var futures = new ArrayList<Future<Integer>>();
            futures.add(callers.submit(() -> commit.submit(0)));
            firstWriting.await(30, TimeUnit.SECONDS);
            for (int i = 1; i <= 7; i++) {
                int item = i;
                futures.add(callers.submit(() -> commit.submit(item)));
            }
            awaitQueued(commit, futures.subList(1, futures.size()));
            release.countDown();
            for (var f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(sizes).allMatch(s -> s <= 3);
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
        }
    }

    @Test
    void closingLetsTheBatchBeingWrittenFinishAndFailsWhatWaits() throws Exception {
        var writing = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var commit =
                new GroupCommit<Integer, Integer>(
                        "test",
                        1,
                        items -> {
                            writing.countDown();
                            await(release);
                            return items.stream().map(Outcome::of).toList();
                        });
        var written = callers.submit(() -> commit.submit(1));
        writing.await(30, TimeUnit.SECONDS);
        var waiting = callers.submit(() -> commit.submit(2));
        awaitQueued(commit, List.of(waiting));
        var closing = callers.submit(commit::close);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(commit::closing);
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(written.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
        assertThatThrownBy(() -> commit.submit(3)).hasMessage("stopped");
    }

    @Test
    void noSubmitterIsLeftWaitingWhenCloseRacesWithSubmits() throws Exception {
        for (int round = 0; round < 50; round++) {
            var commit =
                    new GroupCommit<Integer, Integer>(
                            "test", 4, items -> items.stream().map(Outcome::of).toList());
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                int item = i;
                futures.add(
                        callers.submit(
                                () -> {
                                    await(start);
                                    return commit.submit(item);
                                }));
            }
            start.countDown();
            commit.close();
            for (var f : futures) {
                // Each either got its result or failed as stopped; none may hang.
                try {
                    assertThat(f.get(10, TimeUnit.SECONDS)).isBetween(0, 7);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).hasMessage("stopped");
                }
            }
        }
    }

    @Test
    void aBatchLingersForItemsThatArriveAfterItsFirst() throws Exception {
        var batches = new CopyOnWriteArrayList<List<Integer>>();
        try (var commit =
                new GroupCommit<Integer, Integer>(
                        "test",
                        8,
                        Duration.ofMinutes(1),
                        items -> {
                            batches.add(items);
                            return items.stream().map(Outcome::of).toList();
                        })) {
            var first = callers.submit(() -> commit.submit(1));
            // Taken by the writer, which now lingers: the second arrives after it.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commit.waiting() == 0);
            var second = callers.submit(() -> commit.submit(2));
            assertThat(second.isDone()).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commit.waiting() == 0);
            assertThat(batches).isEmpty();

            // A full batch does not wait for the rest of the linger (eight callers: all the pool).
            var rest = new ArrayList<Future<Integer>>();
            for (int i = 3; i <= 8; i++) {
                int item = i;
                rest.add(callers.submit(() -> commit.submit(item)));
            }

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(2);
            for (var f : rest) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(batches).hasSize(1);
            assertThat(batches.get(0)).hasSize(8).startsWith(1, 2);
        }
    }

    @Test
    void closingEndsALingerAndWritesWhatItHolds() throws Exception {
        var written = new CopyOnWriteArrayList<Integer>();
        var commit =
                new GroupCommit<Integer, Integer>(
                        "test",
                        10,
                        Duration.ofMinutes(1),
                        items -> {
                            written.addAll(items);
                            return items.stream().map(Outcome::of).toList();
                        });
        var lingering = callers.submit(() -> commit.submit(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commit.waiting() == 0);

        commit.close();

        assertThat(lingering.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(written).containsExactly(1);
    }

    /** Until the callers' items are all in the queue (none can be written while it is held). */
    private static void awaitQueued(GroupCommit<?, ?> commit, List<? extends Future<?>> callers) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> commit.waiting() == callers.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
