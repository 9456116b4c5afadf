package io.github.asyncioworkbook.loop;

import java.util.ArrayDeque;

/**
 * A counter that limits how many coroutines proceed at once: asyncio's {@code asyncio.Semaphore}.
 * {@link #acquire()} decrements it, waiting while it is zero; {@link #release()} increments it.
 *
 * <pre>{@code
 * var sem = new Semaphore(2);
 * try (var _ = sem.asyncWith()) {   // async with sem:
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Guarantees</b> (CPython 3.11): waiters are served FIFO; {@link #locked()} is true while
 * the value is zero <em>or</em> any non-cancelled coroutine is queued, so a newcomer never
 * overtakes a queued waiter; {@link #release()} reserves a unit for the first waiter, which
 * resumes one loop iteration later; a woken waiter that is cancelled gives its unit to the next.
 * Binds to the running loop the first time a coroutine has to wait.
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 */
public sealed class Semaphore implements Acquirable permits BoundedSemaphore {
    private ArrayDeque<Future<Boolean>> waiters;
    int value;
    private final LoopBinding binding = new LoopBinding();

    /** A semaphore with value 1 ({@code asyncio.Semaphore()}). */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with the given value ({@code asyncio.Semaphore(value)}).
     *
     * @param value the initial counter
     * @throws IllegalArgumentException {@code "Semaphore initial value must be >= 0"} (Python's
     *     ValueError)
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /**
     * @return whether {@link #acquire()} would wait ({@code Semaphore.locked()})
     */
    @Override
    public boolean locked() {
        return value == 0 || (waiters != null && waiters.stream().anyMatch(w -> !w.cancelled()));
    }

    /**
     * Decrements the counter, first waiting while it is zero or others queue:
     * {@code await sem.acquire()}.
     *
     * @return {@code true}
     * @throws CancelledError if the calling task is cancelled while waiting
     * @throws IllegalStateException outside a coroutine, or if bound to another loop
     */
    @Override
    public boolean acquire() {
        if (!locked()) {
            value--;
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
            if (!fut.cancelled()) {
                // Woken (a unit was reserved for us) but cancelled before resuming: pass it on.
                value++;
                wakeUpNext();
            }
            throw e;
        }
        if (value > 0) {
            wakeUpNext();
        }
        return true;
    }

    /**
     * Increments the counter and wakes the first waiter: {@code sem.release()}.
     */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }

    private void wakeUpNext() {
        if (waiters == null) {
            return;
        }
        for (Future<Boolean> fut : waiters) {
            if (!fut.done()) {
                value--;
                fut.setResult(true);
                return;
            }
        }
    }

    /**
     * asyncio's repr without the module path:
     * {@code <Semaphore object at 0x1b6d3586 [unlocked, value:2]>}, {@code [locked, waiters:1]}.
     */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return LoopBinding.repr(this, extra);
    }
}
