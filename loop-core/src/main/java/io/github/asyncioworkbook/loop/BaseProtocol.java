package io.github.asyncioworkbook.loop;

/**
 * What every protocol hears from its transport: asyncio's {@code asyncio.BaseProtocol}. Implement
 * {@link Protocol} (data arrives as byte arrays) or {@link BufferedProtocol} (data arrives in a
 * buffer the protocol provides), not this interface directly.
 *
 * <p>Call order, as asyncio guarantees it: {@link #connectionMade} once, then data callbacks, then
 * at most one {@code eofReceived}, then {@link #connectionLost} once. {@link #pauseWriting} and
 * {@link #resumeWriting} alternate, starting with pause, between connectionMade and connectionLost.
 * Every callback runs on the loop's thread, as a loop callback.
 */
public interface BaseProtocol {
    /**
     * The connection is open: {@code connection_made(transport)}.
     *
     * @param transport the transport of this connection
     */
    default void connectionMade(Transport transport) {
    }

    /**
     * The connection is closed: {@code connection_lost(exc)}.
     *
     * @param exc the error that closed it, or {@code null} for a regular close or end of stream
     */
    default void connectionLost(Exception exc) {
    }

    /** The transport's write buffer went over its high-water mark: {@code pause_writing()}. */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to its low-water mark: {@code resume_writing()}. */
    default void resumeWriting() {
    }
}
