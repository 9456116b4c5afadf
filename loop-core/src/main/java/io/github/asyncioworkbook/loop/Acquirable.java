package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
/**
 * A primitive with {@code acquire()} / {@code release()} that works as an {@code async with}
 * block: {@link Lock}, {@link Semaphore}, {@link BoundedSemaphore} and {@link Condition}. This is
 * asyncio's {@code locks._ContextManagerMixin}, whose {@code __aenter__} awaits {@code acquire()}
 * and whose {@code __aexit__} calls {@code release()}.
 *
 * <p>Because entering only awaits {@code acquire()} and leaving is a plain call, Java's
 * try-with-resources is a faithful {@code async with}:
 * <pre>{@code
 * try (var _ = lock.asyncWith()) {      // async with lock:
 *     IO.println("holding the lock");
 *     sleep(0.1);
 * }                                     // released here, also when the body throws
 * }</pre>
 * {@link #asyncWith(Coroutine.Body)} is the same with the block as a lambda.
 *
 * <p>All methods must be called from the loop: awaiting ones from a coroutine body.
 */
public interface Acquirable {

    /**
     * Waits until the primitive can be taken and takes it: {@code await x.acquire()}.
     *
     * @return {@code true}
     * @throws CancelledError if the calling task is cancelled while it waits
     */
    boolean acquire();

    /**
     * Gives the primitive back: {@code x.release()}. Never waits.
     */
    void release();

    /**
     * @return whether {@link #acquire()} would have to wait ({@code x.locked()})
     */
    boolean locked();

    /**
     * Enters an {@code async with x:} block: awaits {@link #acquire()} and returns the scope whose
     * {@link Held#close()} releases. Use it in try-with-resources.
     *
     * @return the held scope
     * @throws CancelledError if the calling task is cancelled while it waits (nothing is held then)
     */
    default Held asyncWith() {
        acquire();
        return this::release;
    }

    /**
     * Runs {@code body} inside {@code async with x:}: acquires, runs it, releases (also when it
     * throws) and returns its value.
     *
     * @param body the block; it runs in the calling coroutine, so it may await
     * @param <T> the value type
     * @return what {@code body} returned
     */
    default <T> T asyncWith(Coroutine.Body<T> body) {
        try (Held _ = asyncWith()) {
            return Sneaky.call(body::call);
        }
    }

    /**
     * Runs {@code body} inside {@code async with x:}: acquires, runs it, releases (also when it
     * throws).
     *
     * @param body the block; it runs in the calling coroutine, so it may await
     */
    default void asyncWith(Coroutine.VoidBody body) {
        try (Held _ = asyncWith()) {
            Sneaky.call(() -> {
                body.run();
                return null;
            });
        }
    }

    /**
     * The inside of an {@code async with} block; closing it leaves the block ({@code __aexit__}).
     */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        /** Releases the primitive. */
        @Override
        void close();
    }
}
