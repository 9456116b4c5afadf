package io.github.asyncioworkbook.loop;

import java.net.InetSocketAddress;

/**
 * What a UDP endpoint's transport calls: asyncio's {@code asyncio.DatagramProtocol} (with the
 * callbacks of {@code asyncio.BaseProtocol}, typed for a {@link DatagramTransport}). Made by the
 * factory given to {@link EventLoop#createDatagramEndpoint}; every callback runs on the loop's
 * thread, as a loop callback.
 *
 * <p>Call order, as asyncio's {@code _SelectorDatagramTransport} makes it: {@link #connectionMade}
 * once, then any number of {@link #datagramReceived} and {@link #errorReceived}, then
 * {@link #connectionLost} once; {@link #pauseWriting} and {@link #resumeWriting} alternate in
 * between, starting with pause.
 */
public interface DatagramProtocol {
    /**
     * The endpoint is ready: {@code connection_made(transport)}.
     *
     * @param transport the endpoint's transport
     */
    default void connectionMade(DatagramTransport transport) {
    }

    /**
     * A datagram arrived: {@code datagram_received(data, addr)}.
     *
     * @param data its bytes
     * @param addr the sender's address
     */
    default void datagramReceived(byte[] data, InetSocketAddress addr) {
    }

    /**
     * A send or receive failed with an I/O error: {@code error_received(exc)}. On a connected
     * endpoint the kernel reports an ICMP "port unreachable" this way, as a
     * {@link java.net.PortUnreachableException} (Python's {@code ConnectionRefusedError}). The
     * endpoint stays open.
     *
     * @param exc the error
     */
    default void errorReceived(Exception exc) {
    }

    /**
     * The endpoint is closed: {@code connection_lost(exc)}.
     *
     * @param exc the error that closed it, or {@code null} for {@code close()} and {@code abort()}
     */
    default void connectionLost(Exception exc) {
    }

    /** The write buffer went over its high-water mark: {@code pause_writing()}. */
    default void pauseWriting() {
    }

    /** The write buffer drained to its low-water mark: {@code resume_writing()}. */
    default void resumeWriting() {
    }
}
