package io.github.asyncioworkbook.loop;

import java.util.concurrent.CancellationException;

/**
 * The operation was cancelled: asyncio's {@code asyncio.CancelledError}.
 *
 * <p>Raised by {@link Future#result()}, {@link Future#exception()} and {@link Future#await()} on a
 * cancelled future, and thrown into a coroutine at its current {@code await} when its task is
 * cancelled. The message given to {@link Future#cancel(String)} travels with it.
 *
 * <p><b>Differences from asyncio.</b> In Python {@code CancelledError} derives from
 * {@code BaseException}, so {@code except Exception} does not catch it. Here it is a
 * {@link CancellationException} and therefore a {@link RuntimeException}: a
 * {@code catch (Exception e)} in a coroutine <em>does</em> catch it, and should rethrow it.
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message ({@code CancelledError()}). */
    public CancelledError() {
        super();
    }

    /**
     * A cancellation carrying {@code message}, as {@code CancelledError(msg)}.
     *
     * @param message the cancel message, may be {@code null}
     */
    public CancelledError(String message) {
        super(message);
    }
}
