package io.github.asyncioworkbook.loop;

/**
 * An operation is not allowed in the future's current state: asyncio's
 * {@code asyncio.InvalidStateError}, for example {@link Future#setResult} on a future that is
 * already done ({@code "invalid state"}) or {@link Future#result()} on a pending one
 * ({@code "Result is not set."}). Messages are those of CPython's C implementation.
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message CPython's message for the same situation
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
