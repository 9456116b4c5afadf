package io.github.asyncioworkbook.loop;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/**
 * What {@link EventLoop#sockAccept} returns: asyncio's {@code (conn, address)} pair.
 *
 * @param conn the accepted connection, already non-blocking
 * @param address the peer's address
 */
public record Accepted(SocketChannel conn, SocketAddress address) {
}
