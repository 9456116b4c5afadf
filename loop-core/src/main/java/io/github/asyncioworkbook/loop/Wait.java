package io.github.asyncioworkbook.loop;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * asyncio's waiting functions: {@code asyncio.wait()}, {@code wait_for()}, {@code as_completed()}
 * and {@code shield()}, following CPython 3.11. Also reachable as static methods of
 * {@link Asyncio}.
 *
 * <p>Functions that are coroutines in Python ({@link #wait}, {@link #waitFor}) are plain calls
 * here that must be made from a coroutine body; they wait where Python would {@code await}.
 *
 * <p><b>Java form.</b> A timeout is a {@code Double} in seconds, {@code null} meaning Python's
 * {@code None} (no timeout). Python's TypeError and ValueError are
 * {@link IllegalArgumentException}s with CPython's messages. In a compact source file, write
 * {@code Asyncio.wait(...)} rather than {@code wait(...)}: inside a class, the simple name
 * {@code wait} finds {@link Object#wait()} before any static import.
 */
final class Wait {
    private Wait() {
    }

    // =============================================================================================
    // wait
    // =============================================================================================

    /**
     * {@code await asyncio.wait(fs)}: waits until every future is done.
     *
     * @param fs futures or tasks
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs) {
        return wait(fs, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * {@code await asyncio.wait(fs, timeout=timeout)}.
     *
     * @param fs futures or tasks
     * @param timeout seconds, or {@code null} for none
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs, Double timeout) {
        return wait(fs, timeout, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * {@code await asyncio.wait(fs, return_when=returnWhen)}.
     *
     * @param fs futures or tasks
     * @param returnWhen when to return
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs, ReturnWhen returnWhen) {
        return wait(fs, null, returnWhen);
    }

    /**
     * Waits for futures: {@code await asyncio.wait(fs, timeout=timeout, return_when=returnWhen)}.
     *
     * <p>Guarantees (CPython 3.11): returns when {@code returnWhen} is met or the timeout passes,
     * one loop iteration after the deciding future's callbacks ran (also when every future is
     * done already); a timeout neither raises nor cancels anything; the futures are never
     * cancelled, also not when the waiting task is cancelled. Duplicates count once.
     *
     * @param fs futures or tasks (coroutines are refused, as since Python 3.11)
     * @param timeout seconds, or {@code null} for none
     * @param returnWhen when to return
     * @return the done and pending sets
     * @throws IllegalArgumentException {@code "Set of Tasks/Futures is empty."};
     *     {@code "Passing coroutines is forbidden, use tasks explicitly."} for a coroutine among
     *     {@code fs}; {@code "Invalid return_when value: None"}
     * @throws IllegalStateException {@code "no running event loop"}, or outside a coroutine
     * @throws CancelledError if the calling task is cancelled while waiting
     */
    public static WaitResult wait(Collection<?> fs, Double timeout, ReturnWhen returnWhen) {
        Objects.requireNonNull(fs, "fs");
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        if (returnWhen == null) {
            throw new IllegalArgumentException("Invalid return_when value: None");
        }
        Set<Future<?>> set = new LinkedHashSet<>();
        boolean coroutine = false;
        for (Object f : fs) {
            if (f instanceof Coroutine<?>) {
                coroutine = true;
            } else if (f instanceof Future<?> fut) {
                set.add(fut);
            } else {
                throw new IllegalArgumentException("expect a list of futures, got " + Repr.repr(f));
            }
        }
        if (coroutine) {
            throw new IllegalArgumentException("Passing coroutines is forbidden, use tasks explicitly.");
        }
        EventLoop loop = Asyncio.getRunningLoop();
        return waitInternal(set, timeout, returnWhen, loop);
    }

    /** asyncio's {@code _wait}. */
    private static WaitResult waitInternal(Set<Future<?>> fs, Double timeout, ReturnWhen returnWhen, EventLoop loop) {
        Future<Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = timeout == null ? null : loop.callLater(timeout, Wait::releaseWaiter, waiter);
        int[] counter = {fs.size()};
        DoneCallback<Object> onCompletion = LocalCallback.closure("wait.onCompletion", f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        });
        for (Future<?> f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            waiter.await();
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (Future<?> f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<?>> done = new LinkedHashSet<>();
        Set<Future<?>> pending = new LinkedHashSet<>();
        for (Future<?> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new WaitResult(done, pending);
    }

    /** asyncio's {@code _release_waiter}. */
    static void releaseWaiter(Future<?> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    // =============================================================================================
    // wait_for
    // =============================================================================================

    /**
     * {@code await asyncio.wait_for(fut, timeout)} for a future or task.
     *
     * @param fut the future
     * @param timeout seconds, or {@code null} for a plain await
     * @param <T> result type
     * @return its result
     * @see #waitFor(Coroutine, Double)
     */
    public static <T> T waitFor(Future<T> fut, Double timeout) {
        return waitForAny(fut, timeout);
    }

    /**
     * Waits for an awaitable with a time limit: {@code await asyncio.wait_for(aw, timeout)}
     * (CPython 3.11's algorithm).
     *
     * <ul>
     * <li>{@code timeout == null}: a plain await (a coroutine runs inline, with no task).</li>
     * <li>{@code timeout <= 0}: the coroutine is wrapped in a task; if that is not done at once
     *     it is cancelled and awaited, so a coroutine's body never starts, and
     *     {@link TimeoutError} is thrown, caused by the {@link CancelledError}.</li>
     * <li>otherwise, on timeout the task is cancelled <em>and awaited</em> before
     *     {@link TimeoutError} (caused by the CancelledError) is thrown. If the task swallows the
     *     cancellation and returns a value, that value is returned instead.</li>
     * <li>If the waiting task is cancelled, the inner task is cancelled and awaited too, then
     *     the CancelledError propagates (unless the inner task was already done).</li>
     * </ul>
     *
     * @param coro the coroutine (wrapped in a task on the running loop unless the timeout is null)
     * @param timeout seconds, or {@code null} for none
     * @param <T> result type
     * @return its result
     * @throws TimeoutError on timeout
     * @throws CancelledError if the calling task is cancelled
     * @throws IllegalStateException {@code "no running event loop"}, or outside a coroutine
     */
    public static <T> T waitFor(Coroutine<T> coro, Double timeout) {
        return waitForAny(coro, timeout);
    }

    @SuppressWarnings("unchecked")
    private static <T> T waitForAny(Object aw, Double timeout) {
        EventLoop loop = Asyncio.getRunningLoop();
        if (timeout == null) {
            return aw instanceof Coroutine<?> c ? ((Coroutine<T>) c).await() : ((Future<T>) aw).await();
        }
        if (timeout <= 0) {
            Future<T> fut = (Future<T>) Gather.ensureFuture(aw, loop);
            if (fut.done()) {
                return fut.result();
            }
            cancelAndWait(fut, loop);
            try {
                return fut.result();
            } catch (CancelledError exc) {
                throw new TimeoutError(null, exc);
            }
        }
        Future<Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = loop.callLater(timeout, Wait::releaseWaiter, waiter);
        DoneCallback<Object> cb = LocalCallback.partial(Wait::releaseWaiter, waiter);
        Future<T> fut = (Future<T>) Gather.ensureFuture(aw, loop);
        fut.addDoneCallback(cb);
        try {
            try {
                waiter.await();
            } catch (CancelledError e) {
                if (fut.done()) {
                    return fut.result();
                }
                fut.removeDoneCallback(cb);
                // Don't leave the inner task running: cancel it and wait until it has finished.
                cancelAndWait(fut, loop);
                throw e;
            }
            if (fut.done()) {
                return fut.result();
            }
            fut.removeDoneCallback(cb);
            cancelAndWait(fut, loop);
            // The inner task may have swallowed the cancellation and returned a value.
            try {
                return fut.result();
            } catch (CancelledError exc) {
                throw new TimeoutError(null, exc);
            }
        } finally {
            timeoutHandle.cancel();
        }
    }

    /** asyncio's {@code _cancel_and_wait}: cancels {@code fut} and waits until it is done. */
    private static void cancelAndWait(Future<?> fut, EventLoop loop) {
        Future<Void> waiter = loop.createFuture();
        DoneCallback<Object> cb = LocalCallback.partial(Wait::releaseWaiter, waiter);
        fut.addDoneCallback(cb);
        try {
            fut.cancel();
            waiter.await();
        } finally {
            fut.removeDoneCallback(cb);
        }
    }

    // =============================================================================================
    // as_completed
    // =============================================================================================

    /**
     * {@code asyncio.as_completed(fs)} without a timeout.
     *
     * @param fs futures, tasks or coroutines
     * @return coroutines to await, one per distinct awaitable
     * @see #asCompleted(Collection, Double)
     */
    public static Iterable<Coroutine<Object>> asCompleted(Collection<?> fs) {
        return asCompleted(fs, null);
    }

    /**
     * Results in completion order: {@code asyncio.as_completed(fs, timeout=timeout)} (CPython
     * 3.11, a generator of coroutines).
     * <pre>{@code
     * for (var next : asCompleted(phases)) {      // for next in asyncio.as_completed(phases):
     *     Object answer = next.await();           //     answer = await next
     * }
     * }</pre>
     *
     * <p>Like Python's generator, nothing happens until iteration starts: the first
     * {@code hasNext()}/{@code next()} wraps coroutines in tasks (on
     * {@link Asyncio#getEventLoop()}), registers the callbacks and starts the timer. Each
     * coroutine it yields, when awaited, returns (or throws) the outcome of the next awaitable to
     * finish. Once the timeout passes, every coroutine not yet served throws {@link TimeoutError};
     * the awaitables are not cancelled. The returned {@code Iterable} hands out that single
     * iterator, so, as with a generator, a second loop continues where the first stopped.
     *
     * <p>Duplicates count once. Python wraps and registers the distinct awaitables in set order
     * (arbitrary); here it is the order given.
     *
     * @param fs futures, tasks or coroutines
     * @param timeout seconds, or {@code null} for none
     * @return coroutines to await, one per distinct awaitable
     */
    public static Iterable<Coroutine<Object>> asCompleted(Collection<?> fs, Double timeout) {
        Objects.requireNonNull(fs, "fs");
        AsCompleted generator = new AsCompleted(fs, timeout);
        return () -> generator;
    }

    /** The state of one as_completed() generator. */
    private static final class AsCompleted implements Iterator<Coroutine<Object>> {
        private final Collection<?> fs;
        private final Double timeout;
        private boolean started;
        private int remaining;
        private Queue<Future<?>> done;
        private Set<Future<?>> todo;
        private TimerHandle timeoutHandle;
        private final DoneCallback<Object> onCompletion = LocalCallback.closure("asCompleted.onCompletion", this::onCompletion);

        AsCompleted(Collection<?> fs, Double timeout) {
            this.fs = fs;
            this.timeout = timeout;
        }

        private void start() {
            if (started) {
                return;
            }
            started = true;
            done = new Queue<>();
            EventLoop loop = Asyncio.getEventLoop();
            Set<Object> distinct = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            todo = new LinkedHashSet<>();
            for (Object f : fs) {
                if (distinct.add(f)) {
                    todo.add(Gather.ensureFuture(f, loop));
                }
            }
            for (Future<?> f : todo) {
                f.addDoneCallback(onCompletion);
            }
            if (!todo.isEmpty() && timeout != null) {
                timeoutHandle = loop.callLater(timeout, this::onTimeout);
            }
            remaining = todo.size();
        }

        private void onTimeout() {
            for (Future<?> f : todo) {
                f.removeDoneCallback(onCompletion);
                done.putNowait(null); // a dummy value for waitForOne()
            }
            todo.clear();
        }

        private void onCompletion(Future<?> f) {
            if (todo.isEmpty()) {
                return; // onTimeout() was here first
            }
            todo.remove(f);
            done.putNowait(f);
            if (todo.isEmpty() && timeoutHandle != null) {
                timeoutHandle.cancel();
            }
        }

        private Object waitForOne() {
            Future<?> f = done.get();
            if (f == null) {
                throw new TimeoutError();
            }
            return f.result();
        }

        @Override
        public boolean hasNext() {
            start();
            return remaining > 0;
        }

        @Override
        public Coroutine<Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            remaining--;
            return Coroutine.named("_wait_for_one", this::waitForOne);
        }
    }

    // =============================================================================================
    // shield
    // =============================================================================================

    /**
     * {@code asyncio.shield(coro)}: wraps the coroutine in a task on {@link Asyncio#getEventLoop()}
     * and shields that.
     *
     * @param coro the coroutine
     * @param <T> result type
     * @return a future mirroring the task
     * @see #shield(Future)
     */
    public static <T> Future<T> shield(Coroutine<T> coro) {
        return shieldAny(coro);
    }

    /**
     * Protects a future from the cancellation of its awaiter: {@code asyncio.shield(fut)}.
     * Returns {@code fut} itself if it is done; else a new future that mirrors it.
     *
     * <p>Guarantees (CPython 3.11): cancelling the returned future (for example by cancelling the
     * task that awaits it) does not cancel {@code fut}, which runs on and whose outcome is then
     * marked retrieved; if {@code fut} is cancelled, the returned future is cancelled too; its
     * result or exception is copied over otherwise.
     *
     * @param fut the future or task to protect
     * @param <T> result type
     * @return the outer future to await
     */
    public static <T> Future<T> shield(Future<T> fut) {
        return shieldAny(fut);
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<T> shieldAny(Object arg) {
        Future<T> inner = (Future<T>) Gather.ensureFuture(arg, null);
        if (inner.done()) {
            return inner;
        }
        EventLoop loop = inner.getLoop();
        Future<T> outer = loop.createFuture();
        DoneCallback<T> innerDoneCallback = LocalCallback.closure("shield.innerDoneCallback", in -> {
            if (outer.cancelled()) {
                if (!in.cancelled()) {
                    in.exception(); // mark the outcome retrieved
                }
                return;
            }
            if (in.cancelled()) {
                outer.cancel();
            } else {
                Throwable exc = in.exception();
                if (exc != null) {
                    outer.setException(exc);
                } else {
                    outer.setResult(in.result());
                }
            }
        });
        DoneCallback<T> outerDoneCallback = LocalCallback.closure("shield.outerDoneCallback", o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDoneCallback);
            }
        });
        inner.addDoneCallback(innerDoneCallback);
        outer.addDoneCallback(outerDoneCallback);
        return outer;
    }
}
