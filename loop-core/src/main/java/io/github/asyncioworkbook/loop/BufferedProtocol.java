package io.github.asyncioworkbook.loop;

import java.nio.ByteBuffer;

/**
 * A stream protocol that lends the transport its own buffer: asyncio's
 * {@code asyncio.BufferedProtocol}, which saves a copy per read. For each read the transport
 * asks {@link #getBuffer}, reads into it, and reports the count with {@link #bufferUpdated}.
 */
public interface BufferedProtocol extends BaseProtocol {
    /**
     * A buffer for the next read: {@code get_buffer(sizehint)}.
     *
     * @param sizeHint the size wished for, or -1 for any size
     * @return a buffer with room between its position and limit (must not be empty)
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code nbytes} bytes were written into the last buffer, from its position on (the
     * position has moved past them): {@code buffer_updated(nbytes)}.
     *
     * @param nbytes how many
     */
    void bufferUpdated(int nbytes);

    /**
     * The peer will send no more: {@code eof_received()}.
     *
     * @return {@code true} to keep the transport open for writing; {@code false} closes it
     */
    default boolean eofReceived() {
        return false;
    }
}
