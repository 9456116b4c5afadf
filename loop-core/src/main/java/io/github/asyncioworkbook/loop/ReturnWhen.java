package io.github.asyncioworkbook.loop;

/**
 * When {@link Asyncio#wait(java.util.Collection, Double, ReturnWhen)} returns: asyncio's
 * {@code asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}.
 */
public enum ReturnWhen {
    /** As soon as any future is done or cancelled. */
    FIRST_COMPLETED,
    /**
     * As soon as any future ends with an exception (a cancelled future does not count); if none
     * does, when all are done.
     */
    FIRST_EXCEPTION,
    /** When every future is done or cancelled (the default). */
    ALL_COMPLETED
}
