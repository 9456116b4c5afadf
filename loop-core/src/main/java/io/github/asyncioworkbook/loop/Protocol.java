package io.github.asyncioworkbook.loop;

/**
 * A stream protocol: asyncio's {@code asyncio.Protocol}. The transport calls
 * {@link #dataReceived} with each chunk it reads, then {@link #eofReceived} when the peer closes
 * its side.
 */
public interface Protocol extends BaseProtocol {
    /**
     * Bytes arrived: {@code data_received(data)}. How the stream is cut into chunks is not
     * guaranteed.
     *
     * @param data the bytes (the protocol may keep the array)
     */
    default void dataReceived(byte[] data) {
    }

    /**
     * The peer will send no more: {@code eof_received()}.
     *
     * @return {@code true} to keep the transport open for writing (half-close); {@code false}
     *     (the default, as Python's {@code None}) closes it
     */
    default boolean eofReceived() {
        return false;
    }
}
