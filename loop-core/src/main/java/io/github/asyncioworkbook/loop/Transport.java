package io.github.asyncioworkbook.loop;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A bidirectional stream connection: asyncio's {@code asyncio.Transport} (with its read and write
 * halves). Made by {@link EventLoop#createConnection} and {@link EventLoop#createServer}; all calls
 * belong on the loop's thread.
 *
 * <p>Writes never block: what the socket does not take at once is buffered and sent when it can
 * be. When the buffer grows past the high-water mark the protocol's {@code pauseWriting} is called,
 * and {@code resumeWriting} once it is back at the low-water mark.
 */
public interface Transport {
    /**
     * {@code get_extra_info(name)}: {@code "peername"} and {@code "sockname"} (an
     * {@link java.net.InetSocketAddress}, or null), {@code "socket"} (the
     * {@link java.nio.channels.SocketChannel}); over TLS also {@code "sslcontext"},
     * {@code "peercert"}, {@code "cipher"} and {@code "ssl_object"} (see {@link SslOptions}).
     *
     * @param name the key
     * @return the value, or {@code null}
     */
    default Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /**
     * {@code get_extra_info(name, default)}.
     *
     * @param name the key
     * @param defaultValue returned for an unknown key
     * @return the value
     */
    Object getExtraInfo(String name, Object defaultValue);

    /** @return whether the transport is closing or closed ({@code is_closing()}) */
    boolean isClosing();

    /**
     * Closes after the buffered data is sent; the protocol's {@code connectionLost(null)} follows:
     * {@code close()}. Idempotent.
     */
    void close();

    /** Closes at once, dropping buffered data: {@code abort()}. */
    void abort();

    /** @param protocol the new protocol ({@code set_protocol}) */
    void setProtocol(BaseProtocol protocol);

    /** @return the protocol ({@code get_protocol()}) */
    BaseProtocol getProtocol();

    /** @return whether the transport is receiving ({@code is_reading()}) */
    boolean isReading();

    /** Stops calling the protocol's data callbacks until {@link #resumeReading}: {@code pause_reading()}. */
    void pauseReading();

    /** {@code resume_reading()}. */
    void resumeReading();

    /**
     * Sends {@code data} without blocking: {@code write(data)}. On a transport whose connection
     * is lost the data is dropped, and from the fifth such write on each one logs the warning
     * {@code socket.send() raised exception.}, as asyncio does.
     *
     * @param data the bytes (the array is not copied when sent at once; do not change it after)
     * @throws IllegalStateException {@code "Cannot call write() after write_eof()"}
     */
    void write(byte[] data);

    /**
     * {@code write(data)} for the remaining bytes of a buffer, which the transport takes over.
     *
     * @param data the bytes
     */
    void write(ByteBuffer data);

    /**
     * {@code writelines(list_of_data)}.
     *
     * @param data the chunks, sent in order
     */
    void writelines(List<byte[]> data);

    /**
     * Closes the write side once the buffer is sent (half-close): {@code write_eof()}.
     *
     * @throws UnsupportedOperationException over TLS, which cannot half-close (asyncio's
     *     {@code NotImplementedError})
     */
    void writeEof();

    /** @return whether {@link #writeEof} works: true over TCP, false over TLS ({@code can_write_eof()}) */
    boolean canWriteEof();

    /** @return bytes buffered, not yet sent ({@code get_write_buffer_size()}) */
    int getWriteBufferSize();

    /**
     * {@code set_write_buffer_limits(high, low)}: with both null, 64 KiB and 16 KiB; with one
     * given, the other follows (high = 4 x low, low = high / 4).
     *
     * @param high the high-water mark in bytes, or null
     * @param low the low-water mark in bytes, or null
     * @throws IllegalArgumentException {@code "high (1) must be >= low (2) must be >= 0"}
     */
    void setWriteBufferLimits(Integer high, Integer low);

    /** @return {@code [low, high]} ({@code get_write_buffer_limits()}) */
    int[] getWriteBufferLimits();
}
