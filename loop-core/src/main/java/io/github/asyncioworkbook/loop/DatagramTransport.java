package io.github.asyncioworkbook.loop;

import java.net.InetSocketAddress;

/**
 * A UDP endpoint: asyncio's {@code asyncio.DatagramTransport} (with {@code BaseTransport} and the
 * write-buffer calls of the selector loop's transport). Made by
 * {@link EventLoop#createDatagramEndpoint}; all calls belong on the loop's thread.
 *
 * <p>{@link #sendto} never blocks: a datagram the socket does not take at once is copied into a
 * queue and sent when the socket is writable; past the high-water mark the protocol's
 * {@code pauseWriting} is called, and {@code resumeWriting} once the queue is back at the
 * low-water mark. A failed send is reported to the protocol's {@code errorReceived}, and the
 * endpoint stays open.
 */
public interface DatagramTransport {
    /**
     * Sends one datagram: {@code sendto(data, addr)}.
     *
     * @param data the bytes (empty: nothing is sent)
     * @param addr where to send it; on a connected endpoint {@code null} or the remote address
     * @throws IllegalArgumentException on a connected endpoint, for another address:
     *     {@code "Invalid address: must be None or ('127.0.0.1', 9999)"}
     */
    void sendto(byte[] data, InetSocketAddress addr);

    /**
     * {@code sendto(data)}: sends to the remote address of a connected endpoint.
     *
     * @param data the bytes
     */
    default void sendto(byte[] data) {
        sendto(data, null);
    }

    /** Closes at once, dropping queued datagrams; {@code connectionLost(null)} follows: {@code abort()}. */
    void abort();

    /** Closes once queued datagrams are sent; {@code connectionLost(null)} follows: {@code close()}. Idempotent. */
    void close();

    /** @return whether the endpoint is closing or closed ({@code is_closing()}) */
    boolean isClosing();

    /**
     * {@code get_extra_info(name)}: {@code "sockname"} and {@code "peername"} (an
     * {@link InetSocketAddress}; the peer is {@code null} for an endpoint without a remote
     * address), {@code "socket"} (the {@link java.nio.channels.DatagramChannel}).
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

    /** @param protocol the new protocol ({@code set_protocol}) */
    void setProtocol(DatagramProtocol protocol);

    /** @return the protocol ({@code get_protocol()}) */
    DatagramProtocol getProtocol();

    /** @return bytes of the queued datagrams, not yet sent ({@code get_write_buffer_size()}) */
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
