package io.github.asyncioworkbook.loop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Links a thread-safe {@link CompletableFuture} and a loop {@link Future} so that the outcome of one
 * becomes the outcome of the other and a cancellation of the second cancels the first: asyncio's
 * {@code futures._chain_future}, {@code _copy_future_state} and
 * {@code _set_concurrent_future_state}. Both directions are here: {@link #toLoop} (used by
 * {@code wrap_future} and {@code run_in_executor}) and {@link #toConcurrent} (used by
 * {@code run_coroutine_threadsafe}).
 */
final class FutureChain {
    private FutureChain() {
    }

    /**
     * A loop future that takes {@code source}'s outcome: {@code wrap_future(source, loop=loop)}.
     * The outcome crosses over with {@link EventLoop#callSoonThreadsafe}; if the loop future is
     * cancelled first, {@code source.cancel(false)} is called. Until {@code source} completes, the
     * loop counts it as {@linkplain EventLoop#startOutsideWork outside work}. An outcome that
     * arrives after the loop closed is dropped (CPython 3.12's {@code _call_set_state}; 3.11 logs
     * "exception calling callback" with "Event loop is closed" instead).
     *
     * @param source the thread-safe future
     * @param loop the loop of the returned future
     * @param <T> result type
     * @return a pending loop future
     */
    static <T> Future<T> toLoop(CompletableFuture<T> source, EventLoop loop) {
        Future<T> destination = loop.createFuture();
        EventLoop.OutsideWork work = loop.startOutsideWork();
        destination.addDoneCallback(d -> {
            if (d.cancelled()) {
                source.cancel(false);
            }
        });
        source.whenComplete((value, error) -> {
            try {
                if (destination.cancelled() && loop.isClosed()) {
                    return;
                }
                if (!loop.isClosed()) {
                    loop.callSoonThreadsafe(() -> copyState(source, destination));
                }
            } catch (IllegalStateException closedMeanwhile) {
                // the loop closed between the check and the call: nobody is left to tell
            } finally {
                work.close();
            }
        });
        return destination;
    }

    /**
     * Makes {@code destination} take {@code source}'s outcome, and cancels {@code source} (through
     * its loop) when {@code destination} is cancelled: {@code _chain_future(source, destination)}
     * with a concurrent destination.
     *
     * @param source a loop future or task; the call must be made on its loop
     * @param destination the thread-safe future
     * @param <T> result type
     */
    static <T> void toConcurrent(Future<T> source, ConcurrentFuture<T> destination) {
        EventLoop loop = source.getLoop();
        destination.whenComplete((value, error) -> {
            if (destination.isCancelled()) {
                try {
                    loop.callSoonThreadsafe(source::cancel);
                } catch (IllegalStateException closed) {
                    // "Event loop is closed": the source was dropped with its loop
                }
            }
        });
        source.addDoneCallback(s -> setConcurrentState(destination, s));
    }

    /** {@code _copy_future_state(source, destination)}, on the destination's loop. */
    private static <T> void copyState(CompletableFuture<T> source, Future<T> destination) {
        if (destination.cancelled()) {
            return;
        }
        if (source.isCancelled()) {
            destination.cancel();
            return;
        }
        if (source.isCompletedExceptionally()) {
            destination.setException(cause(source));
        } else {
            destination.setResult(source.resultNow());
        }
    }

    /** {@code _set_concurrent_future_state(concurrent, source)}. */
    private static <T> void setConcurrentState(ConcurrentFuture<T> concurrent, Future<T> source) {
        if (source.cancelled()) {
            concurrent.cancel(false);
        }
        if (!concurrent.setRunningOrNotifyCancel()) {
            return;
        }
        Throwable exc = source.exception();
        if (exc != null) {
            concurrent.completeExceptionally(exc);
        } else {
            concurrent.complete(source.result());
        }
    }

    /** The exception a completed-exceptionally future holds, unwrapped as the job threw it. */
    private static Throwable cause(CompletableFuture<?> failed) {
        Throwable e = failed.exceptionNow();
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException c) {
            return new CancelledError(c.getMessage());
        }
        return e;
    }
}
