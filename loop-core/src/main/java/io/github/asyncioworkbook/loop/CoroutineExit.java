package io.github.asyncioworkbook.loop;

/**
 * Thrown into a suspended coroutine when its loop is closed while the coroutine's task is still
 * pending: the counterpart of Python's {@code GeneratorExit}, which {@code coroutine.close()}
 * throws into a coroutine. It unwinds the coroutine's stack so that its {@code finally} blocks run
 * and its virtual thread ends.
 *
 * <p>Like {@code GeneratorExit} (a {@code BaseException}), it is not an {@link Exception}: a
 * {@code catch (Exception e)} does not swallow it. A coroutine must not await again after catching
 * it; doing so throws it again.
 */
public final class CoroutineExit extends Error {
    private static final long serialVersionUID = 1L;

    CoroutineExit() {
        super("coroutine closed by its event loop", null, false, false);
    }
}
