package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
/**
 * Python's {@code async with cm: block} for the context managers whose exit may replace the block's
 * exception ({@link Timeout} turns its CancelledError into TimeoutError, {@link TaskGroup} raises an
 * ExceptionGroup): enter, run the block in the calling coroutine, then exit with the block's
 * exception or none. If exit returns normally the block's exception propagates unchanged.
 */
final class AsyncWith {
    private AsyncWith() {
    }

    /** {@code __aexit__}: may throw an exception that replaces {@code error}. */
    interface Exit {
        void exit(Throwable error);
    }

    static <T> T run(Runnable enter, Exit exit, Coroutine.Body<T> body) {
        enter.run();
        T value;
        try {
            value = body.call();
        } catch (Throwable e) {
            exit.exit(e);
            throw Sneaky.rethrow(e);
        }
        exit.exit(null);
        return value;
    }

    static <T> T run(Runnable enter, Exit exit, Coroutine.VoidBody body) {
        return run(enter, exit, () -> {
            body.run();
            return null;
        });
    }
}
