package io.github.asyncioworkbook.loop;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@link ThreadPool} and {@link ProcessPool} share for {@code shutdown(wait=True)}: waiting,
 * within one deadline, for each of their workers (threads or child processes) to end.
 *
 * @param <W> the worker type
 */
final class PoolMembers<W> {
    /** How to wait for one worker. */
    @FunctionalInterface
    interface Waiter<W> {
        /** {@return whether {@code worker} ended within {@code nanos}} */
        boolean awaitEnd(W worker, long nanos) throws InterruptedException;
    }

    private final Waiter<W> waiter;
    private final java.util.function.Predicate<W> alive;

    PoolMembers(Waiter<W> waiter, java.util.function.Predicate<W> alive) {
        this.waiter = waiter;
        this.alive = alive;
    }

    /** {@return whether none of {@code workers} is alive} */
    boolean noneAlive(List<W> workers) {
        return workers.stream().noneMatch(alive);
    }

    /** {@return whether every one of {@code workers} ended before the timeout} */
    boolean awaitAll(List<W> workers, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (W w : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !waiter.awaitEnd(w, left)) {
                return false;
            }
        }
        return true;
    }
}
