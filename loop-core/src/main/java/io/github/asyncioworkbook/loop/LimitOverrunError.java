package io.github.asyncioworkbook.loop;

/**
 * The separator was not found within the reader's limit: asyncio's {@code LimitOverrunError},
 * raised by {@link StreamReader#readuntil}. The bytes stay in the reader's buffer.
 */
public final class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /**
     * @param message what was wrong
     * @param consumed how many bytes may be dropped to get past the data that overran
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** @return the bytes to consume ({@code consumed}) */
    public int consumed() {
        return consumed;
    }
}
