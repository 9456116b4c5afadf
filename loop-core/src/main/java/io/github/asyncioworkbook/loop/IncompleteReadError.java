package io.github.asyncioworkbook.loop;

import java.io.EOFException;

/**
 * The stream ended before the bytes asked for arrived: asyncio's {@code IncompleteReadError}
 * (an {@code EOFError}; here an {@link EOFException}). Raised by {@link StreamReader#readexactly}
 * and {@link StreamReader#readuntil}.
 */
public final class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    private final Integer expected;

    /**
     * @param partial the bytes read before the end
     * @param expected how many were wanted, or {@code null} when a separator was wanted
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected.toString())
                + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** @return the bytes read before the end of the stream ({@code partial}) */
    public byte[] partial() {
        return partial.clone();
    }

    /** @return how many bytes were wanted, or {@code null} ({@code expected}) */
    public Integer expected() {
        return expected;
    }
}
