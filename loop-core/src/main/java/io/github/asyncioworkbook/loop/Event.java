package io.github.asyncioworkbook.loop;

import java.util.ArrayDeque;

/**
 * A flag that coroutines can wait for: asyncio's {@code asyncio.Event}. {@link #set()} wakes every
 * waiting coroutine; {@link #clear()} lowers the flag again.
 *
 * <p><b>Naming.</b> Python's {@code await event.wait()} is {@link #await()} here, because
 * {@code wait()} is a final method of {@link Object} in Java (as in
 * {@link java.util.concurrent.CountDownLatch#await()}).
 *
 * <p><b>Guarantees</b> (CPython 3.11): {@link #set()} resolves the waiters' futures in the order
 * they started waiting, so they resume in that order on the next loop iteration;
 * {@link #await()} on a set event returns at once without giving up control. The event binds to
 * the running loop the first time a coroutine waits on it.
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 */
public final class Event {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;
    private final LoopBinding binding = new LoopBinding();

    /** A new event whose flag is false ({@code asyncio.Event()}). */
    public Event() {
    }

    /**
     * @return whether the flag is set ({@code Event.is_set()})
     */
    public boolean isSet() {
        return value;
    }

    /**
     * Sets the flag and wakes all waiting coroutines: {@code Event.set()}. Does nothing if the
     * flag is already set.
     */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Boolean> fut : waiters) {
                if (!fut.done()) {
                    fut.setResult(true);
                }
            }
        }
    }

    /**
     * Lowers the flag: {@code Event.clear()}. Coroutines calling {@link #await()} afterwards wait
     * for the next {@link #set()}.
     */
    public void clear() {
        value = false;
    }

    /**
     * Waits until the flag is set: Python's {@code await event.wait()}. Returns at once if it is
     * set already.
     *
     * @return {@code true}
     * @throws CancelledError if the calling task is cancelled while waiting
     * @throws IllegalStateException outside a coroutine, or if the event is bound to another loop
     */
    public boolean await() {
        if (value) {
            return true;
        }
        Future<Boolean> fut = binding.get(this).createFuture();
        waiters.addLast(fut);
        try {
            fut.await();
            return true;
        } finally {
            waiters.remove(fut);
        }
    }

    /**
     * asyncio's repr without the module path: {@code <Event object at 0x1b6d3586 [unset, waiters:2]>}.
     */
    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return LoopBinding.repr(this, extra);
    }
}
