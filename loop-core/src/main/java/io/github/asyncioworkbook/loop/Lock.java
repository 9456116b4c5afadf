package io.github.asyncioworkbook.loop;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for coroutines: asyncio's {@code asyncio.Lock}. It is not owned by a
 * task: any coroutine may release it.
 *
 * <pre>{@code
 * var lock = new Lock();
 * try (var _ = lock.asyncWith()) {   // async with lock:
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Guarantees</b> (CPython 3.11's algorithm):
 * <ul>
 * <li>FIFO and no barging: {@link #acquire()} takes the lock at once only when it is unlocked
 *     <em>and</em> no waiter is queued (cancelled waiters aside). A coroutine arriving just after
 *     a {@link #release()} queues behind the waiter that release woke.</li>
 * <li>{@link #release()} does not hand the lock over: it unlocks and wakes the first waiter, which
 *     locks it when it resumes (one loop iteration later).</li>
 * <li>A woken waiter that is cancelled before it resumes wakes the next one, so a wake-up is never
 *     lost.</li>
 * <li>The lock binds to the running loop the first time a coroutine has to wait for it; using it
 *     from another loop afterwards throws {@link IllegalStateException}
 *     ({@code "<Lock ...> is bound to a different event loop"}).</li>
 * </ul>
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 */
public final class Lock implements Acquirable {
    /** Futures of the coroutines waiting in acquire(), oldest first; created on first wait. */
    private ArrayDeque<Future<Boolean>> waiters;
    private boolean locked;
    private final LoopBinding binding = new LoopBinding();

    /** A new, unlocked lock, not yet bound to a loop ({@code asyncio.Lock()}). */
    public Lock() {
    }

    /**
     * @return whether the lock is held ({@code Lock.locked()})
     */
    @Override
    public boolean locked() {
        return locked;
    }

    /**
     * Acquires the lock, waiting while it is held or other coroutines queue for it:
     * {@code await lock.acquire()}.
     *
     * @return {@code true}
     * @throws CancelledError if the calling task is cancelled while waiting; the lock is then not
     *     held by it
     * @throws IllegalStateException outside a coroutine, or if the lock is bound to another loop
     */
    @Override
    public boolean acquire() {
        if (!locked && (waiters == null || waiters.stream().allMatch(Future::cancelled))) {
            locked = true;
            return true;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Boolean> fut = binding.get(this).createFuture();
        waiters.addLast(fut);
        try {
            try {
                fut.await();
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return true;
    }

    /**
     * Releases the lock and wakes the first waiter, if any: {@code lock.release()}.
     *
     * @throws IllegalStateException {@code "Lock is not acquired."} if the lock is not held
     */
    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    private void wakeUpFirst() {
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        Future<Boolean> fut = waiters.peekFirst();
        if (!fut.done()) {
            fut.setResult(true);
        }
    }

    /**
     * asyncio's repr without the module path: {@code <Lock object at 0x1b6d3586 [locked, waiters:2]>}.
     */
    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return LoopBinding.repr(this, extra);
    }
}
