package io.github.asyncioworkbook.loop;

/**
 * A {@link Semaphore} that refuses to be released above its initial value:
 * asyncio's {@code asyncio.BoundedSemaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int boundValue;

    /** A bounded semaphore with value 1 ({@code asyncio.BoundedSemaphore()}). */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore ({@code asyncio.BoundedSemaphore(value)}).
     *
     * @param value the initial counter, which is also its maximum
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.boundValue = value;
    }

    /**
     * Releases, as {@link Semaphore#release()}.
     *
     * @throws IllegalArgumentException {@code "BoundedSemaphore released too many times"} (Python's
     *     ValueError) if the counter is already at its initial value
     */
    @Override
    public void release() {
        if (value >= boundValue) {
            throw new IllegalArgumentException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
