package org.caresignal.alert.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Writes items handed over by many threads in batches on one thread of its own: each {@link
 * #submit} returns once the batch holding its item has been written, with that item's own result or
 * failure. Items in, one result per item out.
 */
// Why: one transaction per record made the database's commit the pipeline's pace; records arrive
// on many consumer threads at once, and whatever waits while a batch is written forms the next
// batch. The linger: behind a model that lets mentions out one at a time that alone made batches
// of 1.3 (pg_stat_statements, docs/benchmarks.md), so a batch may wait a few milliseconds for more.
public final class GroupCommit<I, R> implements AutoCloseable {

    /**
     * Writes a batch and answers one outcome per item, in order; throws only when the whole batch
     * failed (every item then fails with that exception).
     */
    @FunctionalInterface
    public interface Writer<I, R> extends Function<List<I>, List<Outcome<R>>> {}

    /** An item's result, or why it failed. */
    public record Outcome<R>(R result, RuntimeException failure) {

        public static <R> Outcome<R> of(R result) {
            return new Outcome<>(result, null);
        }

        public static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }
    }

    private record Pending<I, R>(I item, CompletableFuture<R> result) {}

    private static final long CLOSE_CHECK_MS = 100;
    private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(CLOSE_CHECK_MS);
    private static final long CLOSE_WAIT_MS = 30_000;

    private final BlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final long lingerNanos;
    private final Writer<I, R> writer;
    private final Thread thread;
    private volatile boolean closed;

    /** Without linger: a batch is whatever waits when the previous one is written. */
    public GroupCommit(String name, int maxBatch, Writer<I, R> writer) {
        this(name, maxBatch, Duration.ZERO, writer);
    }

    /**
     * @param name the writing thread's name
     * @param maxBatch the most items written at once
     * @param linger how long a batch not yet full may wait for more items after its first
     */
    public GroupCommit(String name, int maxBatch, Duration linger, Writer<I, R> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.writer = writer;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands the item over and waits until its batch is written; throws what failed it (unwrapped).
     */
    public R submit(I item) {
        var pending = new Pending<I, R>(item, new CompletableFuture<>());
        queue.add(pending);
        // Checked after enqueueing: `closed` is set before the writer's last sweep of the queue, so
        // either that sweep fails this item or this check takes it back. Checking first left a gap
        // where an item enqueued after the sweep waited forever.
        if (closed && queue.remove(pending)) {
            throw new IllegalStateException("stopped");
        }
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** How many items wait for a batch that has not started (for tests and diagnostics). */
    int waiting() {
        return queue.size();
    }

    /** Whether close() has begun (for tests). */
    boolean closing() {
        return closed;
    }

    private void loop() {
        var batch = new ArrayList<Pending<I, R>>(maxBatch);
        while (!closed) {
            Pending<I, R> first;
            try {
                // A bounded wait rather than an interrupt notices close(): interrupting the thread
                // while it writes would break the batch's database work half-way.
                first = queue.poll(CLOSE_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            if (!linger(batch)) {
                break;
            }
            write(batch);
            batch.clear();
        }
        Pending<I, R> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("stopped"));
        }
    }

    /** Waits up to the linger for the batch to fill; false when interrupted (the batch fails). */
    private boolean linger(List<Pending<I, R>> batch) {
        long deadline = System.nanoTime() + lingerNanos;
        long left = lingerNanos;
        while (left > 0 && batch.size() < maxBatch && !closed) {
            try {
                var next = queue.poll(Math.min(left, CLOSE_CHECK_NANOS), TimeUnit.NANOSECONDS);
                if (next != null) {
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(
                        p ->
                                p.result()
                                        .completeExceptionally(
                                                new IllegalStateException("stopped")));
                return false;
            }
            left = deadline - System.nanoTime();
        }
        return true;
    }

    private void write(List<Pending<I, R>> batch) {
        List<Outcome<R>> outcomes;
        try {
            outcomes = writer.apply(batch.stream().map(Pending::item).toList());
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException(
                        outcomes.size() + " outcomes for " + batch.size() + " items");
            }
        } catch (RuntimeException | Error failure) {
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            var outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                batch.get(i).result().completeExceptionally(outcome.failure());
            } else {
                batch.get(i).result().complete(outcome.result());
            }
        }
    }

    /**
     * Stops after the batch being written (waiting for it up to 30 s); items still waiting, and
     * items submitted from now on, fail with "stopped".
     */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
