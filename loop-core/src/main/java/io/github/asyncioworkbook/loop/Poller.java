package io.github.asyncioworkbook.loop;

/**
 * Where an event loop's thread blocks when it has nothing to run, and how other threads wake it:
 * the role of asyncio's selector ({@code selector.select(timeout)}) and self-pipe
 * ({@code _write_to_self}). The loop calls {@link #poll} once per iteration, with a timeout of 0
 * when callbacks are ready. {@code DESIGN.md} in loop-core describes how I/O plugs in here.
 *
 * <p>Threading: {@link #poll} and {@link #close} are called by the loop's thread only;
 * {@link #wakeup} by any thread, at any time, even before or after a poll.
 */
interface Poller {
    /**
     * Blocks the loop's thread for up to {@code seconds} ({@code 0}: not at all; infinite: until
     * woken), then hands whatever became ready (I/O events) to the loop. Returns early after a
     * {@link #wakeup} made since the previous poll.
     *
     * @param seconds the longest wait
     */
    void poll(double seconds);

    /** Makes the current poll, or the next one, return at once. Thread-safe. */
    void wakeup();

    /**
     * {@return whether the loop's thread was interrupted while it blocked here} The interrupt is
     * taken out of the thread's status (otherwise every later wait would return at once) and given
     * back by the loop when {@code runForever} returns. Clears the record.
     */
    boolean takeInterrupt();

    /** Releases what the poller holds (file descriptors for a selector). */
    void close();
}
