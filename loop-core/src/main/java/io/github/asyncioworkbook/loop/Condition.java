package io.github.asyncioworkbook.loop;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for coroutines: asyncio's {@code asyncio.Condition}. Coroutines holding its
 * lock wait to be notified by another coroutine holding it.
 *
 * <pre>{@code
 * try (var _ = condition.asyncWith()) {   // async with condition:
 *     condition.await();                  //     await condition.wait()
 * }
 * ...
 * try (var _ = condition.asyncWith()) {
 *     condition.notify(2);                //     condition.notify(n=2)
 * }
 * }</pre>
 *
 * <p><b>Naming.</b> {@code wait()}, {@code notify()} and {@code notifyAll()} are final methods of
 * {@link Object} in Java, so Python's {@code wait()} is {@link #await()} (as in
 * {@link java.util.concurrent.locks.Condition#await()}), {@code notify()} is {@code notify(1)}
 * and {@code notify_all()} is {@link #notifyAllWaiters()}. Beware: calling {@code notify()} or
 * {@code notifyAll()} with no argument reaches Object's monitor methods and throws
 * {@link IllegalMonitorStateException}.
 *
 * <p><b>Guarantees</b> (CPython 3.11):
 * <ul>
 * <li>{@link #notify(int)} wakes the first {@code n} waiters that are not already woken or
 *     cancelled, in the order they started waiting.</li>
 * <li>A woken waiter returns from {@link #await()} only after re-acquiring the lock, behind any
 *     coroutine already queued for the lock (the lock is FIFO, see {@link Lock}).</li>
 * <li>{@link #await()} re-acquires the lock even when the task is cancelled while waiting, and
 *     then throws {@link CancelledError}: code after it always holds the lock.</li>
 * </ul>
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 */
public final class Condition implements Acquirable {
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private final LoopBinding binding = new LoopBinding();

    /** A condition with a new {@link Lock} of its own ({@code asyncio.Condition()}). */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over an existing lock ({@code asyncio.Condition(lock)}).
     *
     * @param lock the underlying lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * @return the underlying lock
     */
    public Lock getLock() {
        return lock;
    }

    /**
     * Acquires the underlying lock: {@code await condition.acquire()}.
     *
     * @return {@code true}
     */
    @Override
    public boolean acquire() {
        return lock.acquire();
    }

    /**
     * Releases the underlying lock: {@code condition.release()}.
     *
     * @throws IllegalStateException {@code "Lock is not acquired."}
     */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * @return whether the underlying lock is held ({@code condition.locked()})
     */
    @Override
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, waits until notified, then re-acquires the lock: Python's
     * {@code await condition.wait()}.
     *
     * @return {@code true}
     * @throws IllegalStateException {@code "cannot wait on un-acquired lock"} if the lock is not
     *     held; outside a coroutine; or if bound to another loop
     * @throws CancelledError if the task was cancelled while waiting or re-acquiring; the lock is
     *     held again all the same
     */
    public boolean await() {
        if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        release();
        try {
            Future<Boolean> fut = binding.get(this).createFuture();
            waiters.addLast(fut);
            try {
                fut.await();
                return true;
            } finally {
                waiters.remove(fut);
            }
        } finally {
            // Re-acquire whatever happened, even if cancelled (again) meanwhile.
            boolean cancelled = false;
            while (true) {
                try {
                    acquire();
                    break;
                } catch (CancelledError e) {
                    cancelled = true;
                }
            }
            if (cancelled) {
                throw new CancelledError();
            }
        }
    }

    /**
     * Waits until {@code predicate} is true: {@code await condition.wait_for(predicate)}. The
     * predicate is checked first, and again after every wake-up, with the lock held.
     *
     * @param predicate the condition to wait for
     * @return {@code true}, the predicate's final value
     * @throws IllegalStateException {@code "cannot wait on un-acquired lock"} if it has to wait
     *     without holding the lock
     */
    public boolean waitFor(BooleanSupplier predicate) {
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes up to {@code n} waiting coroutines: {@code condition.notify(n)} (Python's
     * {@code notify()} is {@code notify(1)}). They return from {@link #await()} once they get the
     * lock, which the caller still holds.
     *
     * @param n how many waiters to wake at most
     * @throws IllegalStateException {@code "cannot notify on un-acquired lock"}
     */
    public void notify(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        int idx = 0;
        for (Future<Boolean> fut : waiters) {
            if (idx >= n) {
                break;
            }
            if (!fut.done()) {
                idx++;
                fut.setResult(false);
            }
        }
    }

    /**
     * Wakes every waiting coroutine: Python's {@code condition.notify_all()}.
     *
     * @throws IllegalStateException {@code "cannot notify on un-acquired lock"}
     */
    public void notifyAllWaiters() {
        notify(waiters.size());
    }

    /**
     * asyncio's repr without the module path: {@code <Condition object at 0x1b6d3586 [locked, waiters:2]>}.
     */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return LoopBinding.repr(this, extra);
    }
}
