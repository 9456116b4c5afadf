package io.github.asyncioworkbook.loop;

import java.util.concurrent.CompletableFuture;

/**
 * A thread-safe result holder that other threads wait on: asyncio's
 * {@code concurrent.futures.Future}, as {@link EventLoop#runInExecutor} jobs and
 * {@link Asyncio#runCoroutineThreadsafe} use it. It is a {@link CompletableFuture}, so
 * {@code get()}, {@code join()}, {@code get(timeout, unit)} and the {@code then...} methods work as
 * usual.
 *
 * <p><b>Difference from a plain CompletableFuture, as in Python:</b> once the work has started
 * ({@link #setRunningOrNotifyCancel()} returned {@code true}), {@link #cancel} fails and returns
 * {@code false}, because a running job cannot be stopped; {@code concurrent.futures.Future.cancel()}
 * behaves the same way.
 *
 * @param <T> the result type
 */
public final class ConcurrentFuture<T> extends CompletableFuture<T> {
    /** Guarded by {@code this}: the work has started and can no longer be cancelled. */
    private boolean running;

    /** A pending future: {@code concurrent.futures.Future()}. */
    public ConcurrentFuture() {
    }

    /**
     * Marks the work as started unless the future was cancelled first:
     * {@code Future.set_running_or_notify_cancel()}.
     *
     * @return {@code true} if the work should run; {@code false} if it was cancelled
     * @throws IllegalStateException if called twice, or after the future completed
     */
    public synchronized boolean setRunningOrNotifyCancel() {
        if (isCancelled()) {
            return false;
        }
        if (running || isDone()) {
            throw new IllegalStateException("Future in unexpected state");
        }
        running = true;
        return true;
    }

    /**
     * @return whether the work has started and the future is not done yet ({@code Future.running()})
     */
    public synchronized boolean running() {
        return running && !isDone();
    }

    /**
     * Cancels the future unless its work is running or it is done: {@code Future.cancel()}.
     *
     * @param mayInterruptIfRunning ignored, as in {@link CompletableFuture}
     * @return whether the future is cancelled now
     */
    @Override
    public synchronized boolean cancel(boolean mayInterruptIfRunning) {
        if (running && !isCancelled()) {
            return false;
        }
        return super.cancel(mayInterruptIfRunning);
    }

    /**
     * {@code Future.cancel()}.
     *
     * @return whether the future is cancelled now
     */
    public boolean cancel() {
        return cancel(false);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
