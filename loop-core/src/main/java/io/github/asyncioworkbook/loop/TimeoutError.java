package io.github.asyncioworkbook.loop;

/**
 * The deadline of an operation passed: asyncio's {@code asyncio.TimeoutError}, which since Python
 * 3.11 is the built-in {@code TimeoutError}. Unlike {@link java.util.concurrent.TimeoutException}
 * it is unchecked, so it propagates out of a coroutine as Python's does.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout without a message. */
    public TimeoutError() {
        super();
    }

    /**
     * @param message what timed out
     */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * A timeout caused by the cancellation it replaces ({@code raise TimeoutError from exc}).
     *
     * @param message what timed out, may be {@code null}
     * @param cause the {@link CancelledError} that the timeout turned into this error
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
